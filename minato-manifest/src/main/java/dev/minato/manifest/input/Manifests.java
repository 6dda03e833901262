package dev.minato.manifest.input;

import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What was read: the objects, every problem with its position, and how many documents were not
 * Kubernetes objects (skipped by lenient reading).
 */
public record Manifests(
    List<KubeObject> objects, List<ManifestException> errors, int skippedDocuments) {

  public Manifests {
    objects = List.copyOf(objects);
    errors = List.copyOf(errors);
  }

  /** Every problem, one per line, as {@code file:line:column: message}. */
  public String errorText() {
    return errors.stream().map(ManifestException::located).collect(Collectors.joining("\n"));
  }
}
