package dev.minato.cluster.apply;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.manifest.Document;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.YamlReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the objects to apply come from: a directory of YAML files (minato's generated output is
 * one), or a kustomize overlay rendered by the real {@code kubectl kustomize}.
 */
public final class ManifestSource {

  private ManifestSource() {}

  /** Every object in the {@code .yaml}, {@code .yml} and {@code .json} files below {@code dir}. */
  public static List<KubeObject> directory(Path dir) throws ClusterException {
    if (!Files.isDirectory(dir)) {
      throw ClusterException.invalidInput(dir + ": not a directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> isManifest(f) || isKustomization(f))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw ClusterException.environment(dir + ": cannot list files: " + e.getMessage(), e);
    }
    List<Path> kustomizations = files.stream().filter(ManifestSource::isKustomization).toList();
    if (!kustomizations.isEmpty()) {
      // Reading the resources of a kustomization without it would silently drop its patches,
      // namespace and labels.
      StringBuilder hint = new StringBuilder();
      kustomizations.stream()
          .limit(5)
          .forEach(k -> hint.append("\n  minato apply -k ").append(k.getParent()));
      throw ClusterException.invalidInput(
          dir + " holds kustomizations; render one with -k:" + hint);
    }
    List<KubeObject> objects = new ArrayList<>();
    for (Path file : files) {
      try {
        for (Document document : YamlReader.read(file)) {
          objects.add(objectOf(document));
        }
      } catch (ManifestException e) {
        throw ClusterException.invalidInput(e.located());
      }
    }
    return unique(objects);
  }

  /** The objects {@code kubectl kustomize <overlay>} renders. */
  public static List<KubeObject> kustomize(Path overlay) throws ClusterException {
    if (!Files.isDirectory(overlay)) {
      throw ClusterException.invalidInput(overlay + ": not a directory");
    }
    String output = run(List.of("kubectl", "kustomize", overlay.toString()), overlay);
    try {
      List<KubeObject> objects = new ArrayList<>();
      for (Document document : YamlReader.read("kustomize " + overlay, output)) {
        objects.add(objectOf(document));
      }
      return unique(objects);
    } catch (ManifestException e) {
      throw ClusterException.invalidInput(e.getMessage());
    }
  }

  private static KubeObject objectOf(Document document) throws ClusterException {
    return KubeObject.of(document)
        .orElseThrow(
            () ->
                ClusterException.invalidInput(
                    document.start()
                        + ": not a Kubernetes object; expected a mapping with 'apiVersion' and"
                        + " 'kind'"));
  }

  private static List<KubeObject> unique(List<KubeObject> objects) throws ClusterException {
    Map<ObjectKey, KubeObject> seen = new HashMap<>();
    for (KubeObject object : objects) {
      if (object.name().isEmpty()) {
        throw ClusterException.invalidInput(
            object.positionOf("/metadata") + ": " + object.kind() + " has no metadata.name");
      }
      KubeObject first = seen.putIfAbsent(object.key(), object);
      if (first != null) {
        throw ClusterException.invalidInput(
            object.source()
                + ": "
                + object.key()
                + " is defined twice (first at "
                + first.source()
                + "); apply one overlay or one directory at a time");
      }
    }
    return objects;
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean isKustomization(Path file) {
    String name = file.getFileName().toString();
    return name.equals("kustomization.yaml")
        || name.equals("kustomization.yml")
        || name.equals("Kustomization");
  }

  private static String run(List<String> command, Path dir) throws ClusterException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw ClusterException.environment(
          "cannot run kubectl (needed for -k): " + e.getMessage() + "; install kubectl", e);
    }
    try {
      process.getOutputStream().close();
      byte[] errors;
      String output;
      try (InputStream out = process.getInputStream();
          InputStream err = process.getErrorStream()) {
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(err, errBuffer));
        drain.start();
        output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        drain.join();
        errors = errBuffer.toByteArray();
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw ClusterException.environment("kubectl kustomize " + dir + " timed out", null);
      }
      if (process.exitValue() != 0) {
        throw ClusterException.invalidInput(
            "kubectl kustomize "
                + dir
                + " failed: "
                + new String(errors, StandardCharsets.UTF_8).strip());
      }
      return output;
    } catch (IOException e) {
      throw ClusterException.environment("kubectl kustomize failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ClusterException.environment("interrupted while running kubectl kustomize", e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // the exit status reports the failure
    }
  }
}
