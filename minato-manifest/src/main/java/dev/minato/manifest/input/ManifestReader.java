package dev.minato.manifest.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.AtomicDirectory;
import dev.minato.manifest.Document;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one way minato reads manifests ({@code check}, {@code apply}, {@code drift}): files,
 * directories (recursively, hidden folders such as {@code .git} and {@code .github} skipped), the
 * standard input, and kustomize directories; {@code kind: List} documents are read item by item.
 * Every problem is collected with its {@code file:line:column}, so one broken file does not hide
 * the others: {@code check} reports them beside its findings, {@code apply} refuses before it
 * contacts the cluster.
 */
public final class ManifestReader {

  /** How strict a command is about what it reads. */
  public enum Mode {
    /**
     * For {@code check}: documents that are not Kubernetes objects are counted and skipped;
     * kustomize's deletion stubs ({@code $patch: delete}: an instruction, not an object) are
     * ignored. A directory holding kustomizations is read as a kustomize tree: every kustomization
     * no other one below the directory names (an overlay) is built with {@code kubectl kustomize},
     * the files the kustomizations hold or name (bases, patches) are never read as plain objects,
     * and the other files are. Without kubectl the overlays are listed in {@link
     * Manifests#unbuilt()}.
     */
    LENIENT,
    /**
     * For commands that send objects to a cluster: every document must be an object with a name, no
     * object may appear twice, and a directory holding kustomizations is refused (reading their
     * resources without them would drop their patches, namespaces and labels).
     */
    STRICT
  }

  /** Kustomize's own files (kustomization.yaml) describe a build, not cluster objects. */
  private static final String KUSTOMIZE_GROUP = "kustomize.config.k8s.io";

  /**
   * The index {@code minato backup} writes beside the objects ({@code index.yaml}) lists them; it
   * is none itself, so a backup directory reads as the objects it holds.
   */
  private static final String BACKUP_INDEX_API = "minato.dev/v1";

  private static final String BACKUP_INDEX_KIND = "BackupIndex";

  private final Mode mode;
  private final Kustomize kustomize;
  private final Supplier<InputStream> stdin;

  public ManifestReader(Mode mode, Kustomize kustomize, Supplier<InputStream> stdin) {
    this.mode = mode;
    this.kustomize = kustomize;
    this.stdin = stdin;
  }

  /** Reads every source in order; problems are collected in the result, not thrown. */
  public Manifests read(List<InputSource> sources) throws InputUnavailableException {
    Collector collector = new Collector();
    Set<Path> seenFiles = new HashSet<>();
    boolean stdinRead = false;
    for (InputSource source : sources) {
      if (source instanceof InputSource.Files files) {
        readFiles(files.path(), seenFiles, collector);
      } else if (source instanceof InputSource.Kustomization k) {
        readKustomization(k.directory(), collector);
      } else if (!stdinRead) {
        collector.addBytes(InputSource.Stdin.NAME, readStdin());
        stdinRead = true;
      }
    }
    if (mode == Mode.STRICT) {
      collector.requireUniqueNames();
    }
    return new Manifests(collector.objects, collector.errors, collector.skipped, collector.unbuilt);
  }

  private void readFiles(Path path, Set<Path> seenFiles, Collector collector) {
    try {
      // An output that generate or backup was replacing when it was killed is put back first.
      AtomicDirectory.recoverAround(path);
    } catch (IOException e) {
      collector.errors.add(
          new ManifestException(
              SourcePosition.ofSource(path.toString()),
              "cannot restore the output an interrupted run left aside: " + e.getMessage()));
      return;
    }
    if (!Files.exists(path)) {
      collector.errors.add(
          new ManifestException(
              SourcePosition.ofSource(path.toString()), "no such file or directory"));
      return;
    }
    List<Path> files;
    if (Files.isDirectory(path)) {
      try {
        files = ManifestFiles.below(path);
      } catch (IOException e) {
        collector.errors.add(
            new ManifestException(
                SourcePosition.ofSource(path.toString()), "cannot list files: " + e.getMessage()));
        return;
      }
      List<Path> kustomizations = files.stream().filter(ManifestFiles::isKustomization).toList();
      if (!kustomizations.isEmpty()) {
        if (mode == Mode.STRICT) {
          collector.errors.add(kustomizationTree(path, kustomizations));
          return;
        }
        KustomizeTree tree = KustomizeTree.of(files);
        files = files.stream().filter(file -> !tree.owns(file)).toList();
        buildTree(path, tree, collector);
      }
    } else {
      files = List.of(path);
    }
    // A file named twice (a path and a directory holding it) is read once: its objects would
    // otherwise collide with themselves.
    List<Path> fresh =
        files.stream().filter(f -> seenFiles.add(f.toAbsolutePath().normalize())).toList();
    Stream<Path> stream = fresh.size() > 8 ? fresh.parallelStream() : fresh.stream();
    stream.map(ManifestReader::parse).toList().forEach(collector::add);
  }

  private static ManifestException kustomizationTree(Path dir, List<Path> kustomizations) {
    StringBuilder hint = new StringBuilder();
    kustomizations.stream().limit(5).forEach(k -> hint.append("\n  -k ").append(k.getParent()));
    return new ManifestException(
        SourcePosition.ofSource(dir.toString()),
        "holds kustomizations; reading their resources without them would drop their patches,"
            + " namespaces and labels. Render one with -k:"
            + hint);
  }

  /**
   * Builds every root of a directory's kustomize tree. When kustomize cannot run, the rest of the
   * input is still read and the roots are listed as unbuilt, with the reason.
   */
  private void buildTree(Path dir, KustomizeTree tree, Collector collector) {
    Path base = dir.toAbsolutePath().normalize();
    String unavailable = null;
    for (Path root : tree.roots()) {
      // Named as the user named the directory, so a root reads like the -k a user would type.
      Path shown = dir.resolve(base.relativize(root)).normalize();
      if (shown.toString().isEmpty()) {
        shown = Path.of(".");
      }
      if (unavailable != null) {
        collector.unbuilt.add(new Unbuilt(shown, unavailable)); // kubectl will not appear now
        continue;
      }
      try {
        readKustomization(shown, collector);
      } catch (InputUnavailableException e) {
        unavailable = e.getMessage();
        collector.unbuilt.add(new Unbuilt(shown, unavailable));
      }
    }
  }

  private void readKustomization(Path dir, Collector collector) throws InputUnavailableException {
    try {
      collector.addText("kustomize:" + dir, kustomize.render(dir));
    } catch (ManifestException e) {
      // kubectl names a broken file by line at best; read the files it read to say where.
      List<ManifestException> located = KustomizeDiagnosis.syntaxErrors(dir);
      collector.errors.addAll(located.isEmpty() ? List.of(e) : located);
    }
  }

  private byte[] readStdin() throws InputUnavailableException {
    try (InputStream in = stdin.get()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new InputUnavailableException("cannot read the standard input: " + e.getMessage(), e);
    }
  }

  private static Parsed parse(Path file) {
    try {
      return new Parsed(YamlReader.read(file), null);
    } catch (ManifestException e) {
      return new Parsed(List.of(), e);
    }
  }

  private record Parsed(List<Document> documents, ManifestException error) {}

  /** What has been read so far. */
  private final class Collector {
    final List<KubeObject> objects = new ArrayList<>();
    final List<ManifestException> errors = new ArrayList<>();
    final List<Unbuilt> unbuilt = new ArrayList<>();
    int skipped;

    /** Input that is not UTF-8 is reported at the line and column of its first bad byte. */
    void addBytes(String sourceName, byte[] bytes) {
      try {
        addText(sourceName, YamlReader.decode(sourceName, bytes));
      } catch (ManifestException e) {
        add(new Parsed(List.of(), e));
      }
    }

    void addText(String sourceName, String text) {
      try {
        add(new Parsed(YamlReader.read(sourceName, text), null));
      } catch (ManifestException e) {
        add(new Parsed(List.of(), e));
      }
    }

    void add(Parsed parsed) {
      if (parsed.error() != null) {
        errors.add(parsed.error());
      }
      for (Document document : parsed.documents()) {
        var object = KubeObject.of(document);
        if (object.isEmpty()) {
          notAnObject(document);
        } else if (isList(object.get())) {
          addItems(document, object.get());
        } else if (!object.get().group().equals(KUSTOMIZE_GROUP)
            && !isBackupIndex(object.get())
            && !(mode == Mode.LENIENT && isPatchDirective(document))) {
          objects.add(object.get());
        }
      }
    }

    private void notAnObject(Document document) {
      if (mode == Mode.STRICT) {
        errors.add(
            new ManifestException(
                document.start(),
                "not a Kubernetes object; expected a mapping with 'apiVersion' and 'kind'"));
      } else {
        skipped++;
      }
    }

    /**
     * The items of a list ({@code kind: List}, {@code DeploymentList}), as {@code kubectl get -o
     * yaml} writes them. Positions inside an item are not tracked separately: each item points at
     * its first line.
     */
    private void addItems(Document document, KubeObject list) {
      JsonNode items = list.tree().path("items");
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        SourcePosition start = document.positions().value(JsonPointers.child("/items", i));
        if (item instanceof ObjectNode tree
            && tree.path("apiVersion").isTextual()
            && tree.path("kind").isTextual()) {
          objects.add(KubeObject.synthetic(tree, start));
        } else if (mode == Mode.STRICT) {
          errors.add(
              new ManifestException(
                  start, "list item is not a Kubernetes object; expected 'apiVersion' and 'kind'"));
        } else {
          skipped++;
        }
      }
    }

    void requireUniqueNames() {
      Map<ObjectKey, KubeObject> seen = new HashMap<>();
      for (KubeObject object : objects) {
        if (object.name().isEmpty()) {
          errors.add(
              new ManifestException(
                  object.positionOf("/metadata"), object.kind() + " has no metadata.name"));
          continue;
        }
        KubeObject first = seen.putIfAbsent(object.key(), object);
        if (first != null) {
          errors.add(
              new ManifestException(
                  object.source(),
                  object.key()
                      + " is defined twice (first at "
                      + first.source()
                      + "); read one overlay or one directory at a time"));
        }
      }
    }
  }

  /** A kustomize directive ({@code $patch: delete}) names an object to drop; it is none itself. */
  private static boolean isPatchDirective(Document document) {
    return document.root().has("$patch");
  }

  private static boolean isBackupIndex(KubeObject object) {
    return object.kind().equals(BACKUP_INDEX_KIND)
        && object.tree().path("apiVersion").asText().equals(BACKUP_INDEX_API);
  }

  private static boolean isList(KubeObject object) {
    return object.kind().endsWith("List") && object.tree().path("items").isArray();
  }
}
