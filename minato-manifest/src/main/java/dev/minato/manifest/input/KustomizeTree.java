package dev.minato.manifest.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kustomizations among a directory's files, as a tree: which are roots to build (the overlays:
 * no other kustomization below the directory names them) and which files belong to some
 * kustomization (its bases, resources and patches), so a lenient reader builds the roots with
 * kustomize and never reads those files as if they were objects of an environment. A file no
 * kustomization names or holds is an ordinary manifest.
 */
record KustomizeTree(List<Path> roots, Set<Path> owned) {

  /** Fields whose entries are paths, to files or to directories holding a kustomization. */
  private static final List<String> PATH_LISTS =
      List.of(
          "resources", "bases", "components", "crds", "patchesStrategicMerge", "configurations");

  /** Fields whose entries are objects with a {@code path}. */
  private static final List<String> PATH_OBJECTS =
      List.of("patches", "patchesJson6902", "replacements");

  /** Generators, whose entries name the data files they read. */
  private static final List<String> GENERATORS = List.of("configMapGenerator", "secretGenerator");

  KustomizeTree {
    roots = List.copyOf(roots);
    owned = Set.copyOf(owned);
  }

  /** The tree of {@code files} (absolute and normalised, as {@link ManifestFiles#below} lists). */
  static KustomizeTree of(List<Path> files) {
    Set<Path> directories = new TreeSet<>();
    Set<Path> referenced = new HashSet<>();
    Set<Path> owned = new HashSet<>();
    for (Path file : files) {
      if (!ManifestFiles.isKustomization(file)) {
        continue;
      }
      Path directory = key(file).getParent();
      directories.add(directory);
      owned.add(key(file));
      for (String reference : references(file)) {
        Path target;
        try {
          target = directory.resolve(reference).normalize();
        } catch (InvalidPathException e) {
          continue; // an inline patch, not a path
        }
        if (Files.isDirectory(target)) {
          referenced.add(target);
        } else {
          owned.add(target);
        }
      }
    }
    for (Path file : files) {
      if (directories.contains(key(file).getParent())) {
        owned.add(key(file));
      }
    }
    List<Path> roots = new ArrayList<>();
    for (Path directory : directories) {
      if (!referenced.contains(directory)) {
        roots.add(directory);
      }
    }
    return new KustomizeTree(roots, owned);
  }

  boolean owns(Path file) {
    return owned.contains(key(file));
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /**
   * The data files a kustomization's generators read ({@code files}, as {@code path} or {@code
   * key=path}; {@code envs}; {@code env}): values of a ConfigMap or Secret (a dashboard's JSON, a
   * properties file), never manifests.
   */
  static List<String> generatorInputs(JsonNode kustomization) {
    List<String> paths = new ArrayList<>();
    for (String generator : GENERATORS) {
      for (JsonNode entry : kustomization.path(generator)) {
        for (JsonNode file : entry.path("files")) {
          String text = file.asText("");
          paths.add(text.substring(text.indexOf('=') + 1));
        }
        entry.path("envs").forEach(env -> paths.add(env.asText("")));
        paths.add(entry.path("env").asText(""));
      }
    }
    return paths.stream().filter(p -> !p.isEmpty()).toList();
  }

  /**
   * The local paths a kustomization names. One kustomize cannot parse names nothing here: it stays
   * a root, and building it reports the error where kustomize and minato's reader find it.
   */
  private static List<String> references(Path kustomization) {
    List<Document> documents;
    try {
      documents = YamlReader.read(kustomization);
    } catch (ManifestException e) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    for (Document document : documents) {
      JsonNode root = document.root();
      for (String field : PATH_LISTS) {
        root.path(field).forEach(entry -> paths.add(entry.asText("")));
      }
      for (String field : PATH_OBJECTS) {
        root.path(field).forEach(entry -> paths.add(entry.path("path").asText("")));
      }
      paths.addAll(generatorInputs(root));
    }
    return paths.stream().filter(p -> !p.isEmpty() && !p.contains("://")).toList();
  }
}
