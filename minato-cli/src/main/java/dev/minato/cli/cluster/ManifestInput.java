package dev.minato.cli.cluster;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.input.InputSource;
import dev.minato.manifest.input.InputUnavailableException;
import dev.minato.manifest.input.Kustomize;
import dev.minato.manifest.input.ManifestReader;
import dev.minato.manifest.input.Manifests;
import dev.minato.secrets.AgeKeyring;
import dev.minato.secrets.SopsObjects;
import dev.minato.secrets.sops.SopsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where a command's manifests come from, as kubectl names them: {@code -f FILE|DIR|-} (repeatable),
 * {@code -k DIR}, or directories and files given as arguments. Read by the one manifest reader, and
 * strictly: every problem is reported with its {@code file:line:column} before the cluster is
 * contacted.
 */
class ManifestInput {

  /** The kubectl to run for -k; tests point it at a missing binary. */
  static String kubectl = "kubectl";

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Files or directories of manifests (read recursively); '-' reads stdin.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE|DIR|-",
      description =
          "A file, a directory (read recursively, hidden folders skipped), or '-' for"
              + " stdin; repeatable, as kubectl.")
  List<String> files = new ArrayList<>();

  @Option(
      names = {"-k", "--kustomize"},
      paramLabel = "DIR",
      description = "Kustomize directory, rendered with 'kubectl kustomize'.")
  List<Path> overlays = new ArrayList<>();

  /** Whether any manifest input was named. */
  boolean given() {
    return !paths.isEmpty() || !files.isEmpty() || !overlays.isEmpty();
  }

  /** The sources, in the order: arguments, then -f, then -k. */
  List<InputSource> sources() {
    List<InputSource> sources = new ArrayList<>();
    paths.forEach(p -> sources.add(InputSource.fileArgument(p)));
    files.forEach(f -> sources.add(InputSource.fileArgument(f)));
    overlays.forEach(k -> sources.add(new InputSource.Kustomization(k)));
    return sources;
  }

  /** The inputs as the user named them, for messages. */
  String named() {
    List<String> named = new ArrayList<>(paths);
    files.forEach(f -> named.add("-f " + f));
    overlays.forEach(k -> named.add("-k " + k));
    return String.join(", ", named);
  }

  /** How the inventory records these inputs. */
  String recorded() {
    return sources().stream().map(InputSource::recorded).collect(Collectors.joining(" "));
  }

  /**
   * The objects to apply or compare. Any unreadable input, and none at all, is invalid input: a
   * wrong path would otherwise make apply --prune delete everything it created before, and drift
   * report a clean cluster.
   */
  @Option(
      names = "--age-key-file",
      paramLabel = "FILE",
      description =
          "age keys for SOPS-encrypted manifests (decrypted in memory). Default: SOPS_AGE_KEY,"
              + " SOPS_AGE_KEY_FILE, $XDG_CONFIG_HOME/sops/age/keys.txt.")
  Path ageKeyFile;

  List<KubeObject> read() throws ClusterException {
    if (!given()) {
      throw ClusterException.invalidInput(
          "no manifests named: give -f FILE|DIR|-, -k DIR, or a directory (see --help)");
    }
    List<InputSource> sources = sources();
    Manifests manifests;
    try {
      manifests =
          new ManifestReader(ManifestReader.Mode.STRICT, new Kustomize(kubectl), () -> System.in)
              .read(sources);
    } catch (InputUnavailableException e) {
      throw ClusterException.environment(e.getMessage(), e);
    }
    if (!manifests.errors().isEmpty()) {
      throw ClusterException.invalidInput(
          manifests.errorText() + "\nnothing was sent to the cluster; fix the input first");
    }
    if (manifests.objects().isEmpty()) {
      throw ClusterException.invalidInput(
          "no Kubernetes objects in " + named() + "; nothing to apply or compare");
    }
    // SOPS-encrypted manifests are decrypted here, in memory only: the plaintext goes to the API
    // server (or drift's comparison) and is never written to a file.
    try {
      return SopsObjects.decrypt(
          manifests.objects(),
          () -> ageKeyFile != null ? AgeKeyring.file(ageKeyFile) : AgeKeyring.fromEnvironment());
    } catch (SopsException e) {
      throw ClusterException.invalidInput(
          e.getMessage() + "\nnothing was sent to the cluster; fix the key or the file first");
    }
  }
}
