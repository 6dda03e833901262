package dev.minato.cluster.restore;

import dev.minato.cluster.backup.BackupContents;
import dev.minato.cluster.backup.BackupOptions;
import dev.minato.cluster.backup.BackupWriter;
import dev.minato.cluster.backup.SecretCipher;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The regular restore test: restores a backup into a cluster, backs that cluster up again, and
 * compares file by file (Secrets after decryption). Objects the cluster holds beyond the backup are
 * ignored, so a shared scratch cluster works.
 *
 * @param restore what the restore did
 * @param differences one line per file missing or different after the round trip
 */
public record BackupVerification(RestoreReport restore, List<String> differences) {

  public boolean passed() {
    return differences.isEmpty() && restore.count(RestoreOutcome.FAILED) == 0;
  }

  public static BackupVerification run(
      LiveObjects live,
      ResourceCatalog catalog,
      Path backup,
      Optional<SecretCipher> secrets,
      Consumer<String> progress)
      throws ClusterException {
    SortedMap<String, String> expected = BackupContents.readAll(backup, secrets);
    RestoreReport report =
        new Restorer(live, catalog)
            .restore(BackupContents.read(backup, secrets), NamespaceMap.none(), false, progress);
    Path scratch;
    try {
      scratch = Files.createTempDirectory("minato-verify-");
    } catch (IOException e) {
      throw ClusterException.environment(
          "cannot create a temporary directory: " + e.getMessage(), e);
    }
    try {
      Path again = scratch.resolve("backup");
      ResourceCatalog fresh = catalog.rediscover();
      new BackupWriter(live, fresh)
          .write(
              again,
              new BackupOptions(List.of(), Optional.empty(), secrets, 500, false),
              line -> {});
      SortedMap<String, String> actual = BackupContents.readAll(again, secrets);
      List<String> differences = new ArrayList<>();
      for (Map.Entry<String, String> file : expected.entrySet()) {
        String found = actual.get(file.getKey());
        if (found == null) {
          differences.add(file.getKey() + ": missing after restore");
        } else if (!found.equals(file.getValue())) {
          differences.add(file.getKey() + ": differs after restore");
        }
      }
      return new BackupVerification(report, differences);
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a leftover directory in the system temp dir is harmless
    }
  }
}
