package dev.minato.release.registry;

import dev.minato.release.ReleaseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference split the way a container runtime resolves it: the registry host (Docker Hub
 * when the first part names none), the repository ({@code library/} added for Docker Hub's official
 * images), and a tag, a digest, or both. A release needs one of them: a bare name means {@code
 * latest}, which is not a version anyone reviewed.
 */
public record ImageName(
    String registry, String repository, Optional<String> tag, Optional<String> digest) {

  /** How the Docker CLI names Docker Hub in references and in {@code config.json}. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  /** Parses {@code [host[:port]/]path[:tag][@sha256:hex]}, or says what is wrong with it. */
  public static ImageName parse(String reference) throws ReleaseException {
    String rest = reference.strip();
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      String value = rest.substring(at + 1);
      if (!DIGEST.matcher(value).matches()) {
        throw ReleaseException.invalid(
            "image '" + reference + "': the digest must be sha256: and 64 lower-case hex digits");
      }
      digest = Optional.of(value);
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      String value = rest.substring(colon + 1);
      if (!TAG.matcher(value).matches()) {
        throw ReleaseException.invalid(
            "image '" + reference + "': '" + value + "' is not a valid tag");
      }
      tag = Optional.of(value);
      rest = rest.substring(0, colon);
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      throw ReleaseException.invalid(
          "image '"
              + reference
              + "' has neither a tag nor a digest; name the version to release, e.g. "
              + reference
              + ":1.4.2");
    }
    if (tag.isPresent() && tag.get().equals("latest") && digest.isEmpty()) {
      throw ReleaseException.invalid(
          "image '" + reference + "': 'latest' is not a version; release a pinned tag or digest");
    }
    String registry = DOCKER_HUB;
    String path = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        path = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    if (!REPOSITORY.matcher(path).matches()) {
      throw ReleaseException.invalid(
          "image '"
              + reference
              + "': repository '"
              + path
              + "' must be lower-case path components (letters, digits, . _ -)");
    }
    return new ImageName(registry, path, tag, digest);
  }

  /** The host the distribution API is served on: Docker Hub's API has a host of its own. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** What the manifest is asked for by: the digest when there is one, else the tag. */
  public String manifestReference() {
    return digest.orElseGet(tag::get);
  }

  /** This reference with {@code pinned} as its digest, keeping the tag for readers. */
  public ImageName withDigest(String pinned) {
    return new ImageName(registry, repository, tag, Optional.of(pinned));
  }

  /**
   * The reference in full ({@code registry.example.com/team/app:1.2}); Docker Hub's are written as
   * users write them, without {@code docker.io/library/}.
   */
  public String reference() {
    String name = registry + "/" + repository;
    if (registry.equals(DOCKER_HUB)) {
      name = repository.startsWith("library/") ? repository.substring(8) : repository;
    }
    return name + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }

  @Override
  public String toString() {
    return reference();
  }
}
