package dev.minato.cli.cluster;

import dev.minato.cli.UserError;
import dev.minato.cluster.apply.ManifestSource;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.manifest.KubeObject;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where a command's manifests come from: a directory of YAML, or a kustomize overlay rendered with
 * {@code kubectl kustomize}. Used as an exclusive argument group; commands may extend it with other
 * sources.
 */
class ManifestInput {

  @Parameters(paramLabel = "DIR", description = "Directory of YAML manifests (read recursively).")
  Path directory;

  @Option(
      names = {"-k", "--kustomize"},
      paramLabel = "OVERLAY",
      description = "Kustomize directory, rendered with 'kubectl kustomize'.")
  Path overlay;

  /** The directory or overlay that was named. */
  Path path() {
    return directory != null ? directory : overlay;
  }

  /**
   * The objects to apply or compare; none at all is invalid input. A wrong path would otherwise
   * make apply --prune delete everything it created before, and drift report a clean cluster.
   */
  List<KubeObject> read() throws ClusterException {
    List<KubeObject> objects =
        directory != null ? ManifestSource.directory(directory) : ManifestSource.kustomize(overlay);
    if (objects.isEmpty()) {
      throw UserError.invalidInput(
          "no Kubernetes objects in " + path() + "; nothing to apply or compare");
    }
    return objects;
  }
}
