package dev.minato.manifest.input;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A kustomization a directory holds that was not built, and why: the environment kept kustomize
 * from running (no kubectl, say). Nothing of it was read, as reading its files without kustomize
 * would check bases and patches as if they were an environment.
 */
public record Unbuilt(Path directory, String reason) {

  public Unbuilt {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(reason, "reason");
  }
}
