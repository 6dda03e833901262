package dev.minato.release;

import dev.minato.release.registry.RegistryClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What to release: {@code image} as the image of {@code app} in {@code environment} (the base spec,
 * for every environment that does not set its own, when empty), in the manifest repository whose
 * specs are below {@code specs} and whose generated manifests are in {@code output}.
 *
 * @param registry the client that proves the image exists; empty releases without asking a registry
 *     (offline demos, air-gapped mirrors), which the outcome says
 * @param appRepository the app's git repository, for the change log
 * @param tagMap image tag → app commit, for images without a revision label
 * @param direct commit on the current branch instead of {@code release/<app>-<env>-<tag>}
 */
public record ReleaseRequest(
    Path specs,
    Path output,
    String app,
    Optional<String> environment,
    String image,
    boolean pinDigest,
    Optional<RegistryClient> registry,
    Optional<Path> appRepository,
    Map<String, String> tagMap,
    boolean direct) {

  public ReleaseRequest {
    tagMap = Map.copyOf(tagMap);
  }
}
