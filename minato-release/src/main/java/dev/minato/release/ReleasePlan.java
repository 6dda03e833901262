package dev.minato.release;

import dev.minato.release.repository.ManifestRepository;
import java.nio.file.Path;
import java.util.Map;

/**
 * A release computed and checked, nothing written yet: the outcome it will have (without a commit),
 * the spec file's new text, and the app's generated files now ({@code current}) and after ({@code
 * next}), by path relative to the output directory; and the repository's HEAD and index as the plan
 * found them clean, so {@link Release#execute} can prove they did not move.
 */
public record ReleasePlan(
    ReleaseOutcome outcome,
    ReleaseRequest request,
    Path specFile,
    String specText,
    Map<String, String> current,
    Map<String, String> next,
    ManifestRepository.State repository) {

  public ReleasePlan {
    current = Map.copyOf(current);
    next = Map.copyOf(next);
  }
}
