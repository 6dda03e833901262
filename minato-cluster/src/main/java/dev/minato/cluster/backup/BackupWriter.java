package dev.minato.cluster.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.ClusterWalk;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.cluster.objects.ServerFields;
import dev.minato.manifest.AtomicDirectory;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.YamlWriter;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Backs up every resource the API server lists (found by discovery, so custom resources are
 * included), page by page, cleaned of server-owned fields, leaving out what others own or generate.
 * The backup is written to a hidden directory next to the target and swapped in at the end by
 * {@link AtomicDirectory}: an interrupted backup leaves the previous one intact (or recoverable by
 * the next command that reads it), and a backup never replaces one holding objects it lacks unless
 * asked to.
 */
public final class BackupWriter {

  private final LiveObjects live;
  private final ResourceCatalog catalog;

  public BackupWriter(LiveObjects live, ResourceCatalog catalog) {
    this.live = live;
    this.catalog = catalog;
  }

  /**
   * Writes a backup of what {@code options} selects to {@code target}. Refused (invalid input,
   * nothing written) when a named namespace does not exist, when {@code target} holds something
   * other than a backup, or when the new backup would lack objects the existing one holds and
   * {@link BackupOptions#replace()} is not set.
   */
  public BackupReport write(Path target, BackupOptions options, Consumer<String> progress)
      throws ClusterException {
    requireNamespaces(options.namespaces());
    AtomicDirectory directory;
    Optional<BackupIndex> previous;
    try {
      directory = AtomicDirectory.prepare(target);
      previous = previousBackup(directory.target(), target);
    } catch (IOException e) {
      throw ClusterException.environment("cannot prepare " + target + ": " + e.getMessage(), e);
    }
    try (AtomicDirectory.Staged staged = directory.stagePrivate()) {
      Run run =
          new Run(
              staged.path(), options, AutoscaledWorkloads.in(live, catalog, options.namespaces()));
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
      Files.writeString(
          staged.path().resolve(BackupLayout.INDEX), index.toYaml(), StandardCharsets.UTF_8);
      BackupReport report =
          new BackupReport(
              directory.target(), index, previous, run.ownedSkipped, run.secretsSkipped);
      Optional<String> lost = report.lostSummary();
      if (lost.isPresent() && !options.replace()) {
        throw ClusterException.invalidInput(
            target
                + " already holds a backup, and "
                + lost.get()
                + ". Nothing was written; add --replace to replace it anyway, or back up into"
                + " another directory");
      }
      staged.commit();
      return report;
    } catch (IOException | UncheckedIOException e) {
      throw ClusterException.environment("cannot write the backup: " + e.getMessage(), e);
    } catch (KubernetesClientException e) {
      throw ClusterException.environment("listing failed: " + e.getMessage(), e);
    }
  }

  /** Refuses a namespace the cluster does not have: a typo would give an empty backup. */
  private void requireNamespaces(List<String> wanted) throws ClusterException {
    if (wanted.isEmpty()) {
      return;
    }
    ResourceType namespaces =
        catalog
            .find("v1", "Namespace")
            .orElseThrow(
                () ->
                    ClusterException.environment("the API server does not list namespaces", null));
    Set<String> existing = new TreeSet<>();
    try {
      live.forEach(
          namespaces,
          null,
          null,
          500,
          ns -> existing.add(ns.path("metadata").path("name").asText()));
    } catch (KubernetesClientException e) {
      throw ClusterException.environment("cannot list namespaces: " + e.getMessage(), e);
    }
    List<String> unknown = new ArrayList<>();
    for (String name : wanted) {
      if (!existing.contains(name)) {
        unknown.add("'" + name + "'" + Suggestions.didYouMean(name, existing));
      }
    }
    if (!unknown.isEmpty()) {
      throw ClusterException.invalidInput(
          "no such namespace: "
              + String.join("; ", unknown)
              + " (the cluster has "
              + String.join(", ", existing)
              + "); nothing was written");
    }
  }

  /**
   * The index of the backup at {@code dir}, empty when there is none yet (no directory, or an empty
   * one). Anything else there is someone's files, which a backup must never replace.
   */
  private static Optional<BackupIndex> previousBackup(Path dir, Path shown)
      throws IOException, ClusterException {
    if (!Files.exists(dir)) {
      return Optional.empty();
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isEmpty()) {
          return Optional.empty();
        }
      }
      if (Files.isRegularFile(dir.resolve(BackupLayout.INDEX))) {
        return Optional.of(BackupIndex.read(dir));
      }
    }
    throw ClusterException.invalidInput(
        shown
            + " exists and is not a minato backup (no "
            + BackupLayout.INDEX
            + "); nothing was written. Choose another directory or empty it");
  }

  /** The state of one backup run. */
  private static final class Run {
    final Path dir;
    final BackupOptions options;
    final AutoscaledWorkloads autoscaled;
    final SortedMap<String, Integer> counts = new TreeMap<>();
    final SortedMap<String, String> files = new TreeMap<>();
    int ownedSkipped;
    int secretsSkipped;

    Run(Path dir, BackupOptions options, AutoscaledWorkloads autoscaled) {
      this.dir = dir;
      this.options = options;
      this.autoscaled = autoscaled;
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
    run.autoscaled.forgetReplicas(key, clean);
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
}
