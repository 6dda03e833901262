package dev.minato.cluster.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.GenericObjects;
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
import java.util.Set;
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

  /** Kinds the server or controllers generate; restoring them would be wrong or pointless. */
  private static final Set<String> GENERATED_KINDS =
      Set.of(
          "Event",
          "Endpoints",
          "EndpointSlice",
          "ControllerRevision",
          "Lease",
          "Node",
          "ComponentStatus");

  private static final Set<String> GENERATED_GROUPS = Set.of("metrics.k8s.io");

  /** Namespaces the cluster itself runs in; backed up only when named. */
  private static final Set<String> SYSTEM_NAMESPACES =
      Set.of("kube-system", "kube-public", "kube-node-lease");

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
      for (ResourceType type : catalog.types()) {
        if (!wanted(type, options)) {
          continue;
        }
        int before = run.files.size();
        if (type.namespaced() && !options.namespaces().isEmpty()) {
          for (String namespace : options.namespaces()) {
            list(type, namespace, options, run);
          }
        } else {
          list(type, null, options, run);
        }
        int written = run.files.size() - before;
        if (written > 0) {
          progress.accept(String.format("%6d %s", written, type.qualifiedKind()));
        }
      }
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

  private boolean wanted(ResourceType type, BackupOptions options) {
    if (!type.can("list")
        || GENERATED_KINDS.contains(type.kind())
        || GENERATED_GROUPS.contains(type.group())) {
      return false;
    }
    // With a namespace filter, the only cluster-scoped objects kept are those Namespaces.
    return type.namespaced() || options.namespaces().isEmpty() || type.kind().equals("Namespace");
  }

  private void list(ResourceType type, String namespace, BackupOptions options, Run run) {
    live.forEach(
        type,
        namespace,
        options.labelSelector().orElse(null),
        options.pageSize(),
        object -> keep(type, object, run));
  }

  private void keep(ResourceType type, ObjectNode object, Run run) {
    ObjectKey key = GenericObjects.keyOf(object);
    if (!inScope(type, key, run.options)) {
      return;
    }
    if (!object.path("metadata").path("ownerReferences").isEmpty()) {
      run.ownedSkipped++;
      return;
    }
    if (isGenerated(type, object)) {
      return;
    }
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
    run.counts.merge(type.qualifiedKind(), 1, Integer::sum);
  }

  private static boolean inScope(ResourceType type, ObjectKey key, BackupOptions options) {
    if (!options.namespaces().isEmpty()) {
      return type.namespaced()
          ? options.namespaces().contains(key.namespace())
          : options.namespaces().contains(key.name());
    }
    String namespace = type.kind().equals("Namespace") ? key.name() : key.namespace();
    return !SYSTEM_NAMESPACES.contains(namespace);
  }

  /** Objects a cluster creates by itself in every namespace. */
  private static boolean isGenerated(ResourceType type, ObjectNode object) {
    String name = object.path("metadata").path("name").asText();
    if (type.kind().equals("ConfigMap") && name.equals("kube-root-ca.crt")) {
      return true;
    }
    return type.kind().equals("Secret")
        && "kubernetes.io/service-account-token".equals(object.path("type").asText());
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
