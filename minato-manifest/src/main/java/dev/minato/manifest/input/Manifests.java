package dev.minato.manifest.input;

import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What was read: the objects, every problem with its position, how many documents were not
 * Kubernetes objects (skipped by lenient reading), and the kustomizations found in a directory that
 * lenient reading could not build because the environment kept it from running kustomize (their
 * files were not read as plain manifests either: a base is not an environment).
 */
public record Manifests(
    List<KubeObject> objects,
    List<ManifestException> errors,
    int skippedDocuments,
    List<Unbuilt> unbuilt) {

  public Manifests {
    objects = List.copyOf(objects);
    errors = List.copyOf(errors);
    unbuilt = List.copyOf(unbuilt);
  }

  public Manifests(List<KubeObject> objects, List<ManifestException> errors, int skippedDocuments) {
    this(objects, errors, skippedDocuments, List.of());
  }

  /** Every problem, one per line, as {@code file:line:column: message}. */
  public String errorText() {
    return errors.stream().map(ManifestException::located).collect(Collectors.joining("\n"));
  }
}
