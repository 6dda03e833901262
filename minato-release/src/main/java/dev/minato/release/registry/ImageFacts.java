package dev.minato.release.registry;

import java.util.Optional;

/**
 * What the registry says about an image: the digest of the manifest a tag points at, and the
 * image's {@code org.opencontainers.image.revision} and {@code .source} labels when it carries them
 * (read from its config blob).
 */
public record ImageFacts(
    ImageName name, String digest, Optional<String> revision, Optional<String> source) {

  public static final String REVISION_LABEL = "org.opencontainers.image.revision";
  public static final String SOURCE_LABEL = "org.opencontainers.image.source";
}
