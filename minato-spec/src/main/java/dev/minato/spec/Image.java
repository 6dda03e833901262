package dev.minato.spec;

import java.util.Optional;

/**
 * A container image reference split into repository, tag and digest. The spec requires a tag other
 * than {@code latest} or a digest, so that what runs is what was reviewed.
 */
public record Image(String repository, Optional<String> tag, Optional<String> digest) {

  /** Splits a reference such as {@code registry:5000/team/app:1.2@sha256:…}; never fails. */
  public static Image parse(String reference) {
    String rest = reference;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    return new Image(rest, tag, digest);
  }

  /** The reference as Kubernetes takes it. */
  public String reference() {
    return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }

  @Override
  public String toString() {
    return reference();
  }
}
