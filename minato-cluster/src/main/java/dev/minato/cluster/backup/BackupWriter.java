package dev.minato.cluster.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ClusterWalk;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.objects.ServerFields;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.YamlWriter;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Backs up every resource the API server lists (found by discovery, so custom resources are
 * included), page by page, cleaned of server-owned fields, leaving out what others own or generate.
 * The backup is written to a temporary directory next to the target and moved into place at the
 * end: an interrupted backup leaves the previous one intact.
 */
public final class BackupWriter {

  private final LiveObjects live;
  private final ResourceCatalog catalog;

  public BackupWriter(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  public BackupReport write(Path target, BackupOptions options, Consumer<String> progress)
      throws ClusterException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path temp;
    try {
      Files.createDirectories(parent);
      temp = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".partial-");
    } catch (IOException e) {
      throw ClusterException.environment(
          "cannot create a directory next to " + target + ": " + e.getMessage(), e);
    }
    try {
      Run run = new Run(temp, options);
      ClusterWalk.Scope scope =
          new ClusterWalk.Scope(options.namespaces(), options.labelSelector(), options.pageSize());
      new ClusterWalk(live, catalog)
          .walk(
              scope,
              new ClusterWalk.Visitor() {
                @Override
                public void found(ResourceType type, ObjectKey key, ObjectNode object) {
                  keep(type, key, object, run, progress);
                }

                @Override
                public void owned(ResourceType type, ObjectKey key) {
                  run.ownedSkipped++;
                }
              });
      BackupIndex index = new BackupIndex(run.counts, run.files, options.secrets().isPresent());
      Files.writeString(temp.resolve(BackupLayout.INDEX), index.toYaml(), StandardCharsets.UTF_8);
      replace(temp, absolute);
      return new BackupReport(absolute, index, run.ownedSkipped, run.secretsSkipped);
    } catch (IOException | UncheckedIOException e) {
      deleteQuietly(temp);
      throw ClusterException.environment("cannot write the backup: " + e.getMessage(), e);
    } catch (KubernetesClientException e) {
      deleteQuietly(temp);
      throw ClusterException.environment("listing failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /** The state of one backup run. */
  private static final class Run {
    final Path dir;
    final BackupOptions options;
    final SortedMap<String, Integer> counts = new TreeMap<>();
    final SortedMap<String, String> files = new TreeMap<>();
    int ownedSkipped;
    int secretsSkipped;

    Run(Path dir, BackupOptions options) {
      this.dir = dir;
      this.options = options;
    }
  }

  private static void keep(
      ResourceType type, ObjectKey key, ObjectNode object, Run run, Consumer<String> progress) {
    boolean secret = type.group().isEmpty() && type.kind().equals("Secret");
    if (secret && run.options.secrets().isEmpty()) {
      run.secretsSkipped++;
      return;
    }
    ObjectNode clean = ServerFields.strip(object);
    ((ObjectNode) clean.get("metadata")).remove("generateName");
    String yaml = YamlWriter.write(CanonicalOrder.of(clean));
    String path = BackupLayout.pathOf(key, secret);
    String content = secret ? run.options.secrets().get().encrypt(yaml, path) : yaml;
    try {
      Path file = run.dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run.files.put(path, BackupIndex.sha256(content));
    int count = run.counts.merge(type.qualifiedKind(), 1, Integer::sum);
    if (count % 1000 == 0) {
      progress.accept(String.format("%6d %s", count, type.qualifiedKind()));
    }
  }

  /** Moves the finished backup into place, keeping the previous one until the move is done. */
  private static void replace(Path temp, Path target) throws IOException {
    if (!Files.exists(target)) {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
    Files.delete(old);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    deleteQuietly(old);
  }

  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless; its name says what it is
    }
  }
}
