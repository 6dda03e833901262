package dev.minato.cli.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.check.InputError;
import dev.minato.manifest.Document;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The objects to check and the input that could not be read. Unreadable input is collected, not
 * thrown, so one broken file does not hide the findings of the others.
 */
final class Inputs {

  /** Kustomize's own files (kustomization.yaml) describe a build, not cluster objects. */
  private static final String KUSTOMIZE_GROUP = "kustomize.config.k8s.io";

  private final List<KubeObject> objects = new ArrayList<>();
  private final List<InputError> errors = new ArrayList<>();
  private int skippedDocuments;

  List<KubeObject> objects() {
    return objects;
  }

  /** Objects rendered in memory (from specs, by {@code --spec}). */
  void addObjects(List<KubeObject> rendered) {
    objects.addAll(rendered);
  }

  List<InputError> errors() {
    return errors;
  }

  /** Documents that were valid YAML but not Kubernetes objects (no apiVersion or kind). */
  int skippedDocuments() {
    return skippedDocuments;
  }

  /**
   * The files a path stands for: the file itself, or every {@code *.yaml}, {@code *.yml} and {@code
   * *.json} below a directory in sorted order, skipping hidden directories such as .git.
   */
  static List<Path> files(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !hidden(path, file))
          .filter(Inputs::manifestName)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean manifestName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Reads files, in parallel when there are many; results keep the files' order. */
  void addFiles(List<Path> requested) {
    // A file named twice (a path and a directory holding it) is read once: its objects would
    // otherwise collide with themselves (nodeport-unique, selectors).
    List<Path> files = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path file : requested) {
      if (seen.add(file.toAbsolutePath().normalize())) {
        files.add(file);
      }
    }
    Stream<Path> stream = files.size() > 8 ? files.parallelStream() : files.stream();
    List<Parsed> parsed = stream.map(Inputs::parse).toList();
    parsed.forEach(this::add);
  }

  /** Adds the documents of a text read from somewhere other than a file (stdin, kustomize). */
  void addText(String sourceName, String text) {
    try {
      add(new Parsed(YamlReader.read(sourceName, text), null));
    } catch (ManifestException e) {
      add(new Parsed(List.of(), new InputError(e.position(), e.getMessage())));
    }
  }

  private record Parsed(List<Document> documents, InputError error) {}

  private static Parsed parse(Path file) {
    if (!Files.exists(file)) {
      return new Parsed(
          List.of(),
          new InputError(SourcePosition.ofSource(file.toString()), "no such file or directory"));
    }
    try {
      return new Parsed(YamlReader.read(file), null);
    } catch (ManifestException e) {
      return new Parsed(List.of(), new InputError(e.position(), e.getMessage()));
    }
  }

  private void add(Parsed parsed) {
    if (parsed.error() != null) {
      errors.add(parsed.error());
    }
    for (Document document : parsed.documents()) {
      var object = KubeObject.of(document);
      if (object.isEmpty()) {
        skippedDocuments++;
      } else if (isList(object.get())) {
        addItems(document, object.get());
      } else if (!object.get().group().equals(KUSTOMIZE_GROUP)) {
        objects.add(object.get());
      }
    }
  }

  /**
   * {@code kind: List} (and {@code DeploymentList}, ...), as {@code kubectl get -o yaml} writes.
   */
  private static boolean isList(KubeObject object) {
    return object.kind().endsWith("List") && object.tree().path("items").isArray();
  }

  /**
   * The items of a list, each checked as an object. Positions inside an item are not tracked
   * separately: every finding about an item points at the item's first line.
   */
  private void addItems(Document document, KubeObject list) {
    JsonNode items = list.tree().path("items");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (item instanceof ObjectNode tree
          && tree.path("apiVersion").isTextual()
          && tree.path("kind").isTextual()) {
        SourcePosition start = document.positions().value(JsonPointers.child("/items", i));
        objects.add(KubeObject.synthetic(tree, start));
      } else {
        skippedDocuments++;
      }
    }
  }
}
