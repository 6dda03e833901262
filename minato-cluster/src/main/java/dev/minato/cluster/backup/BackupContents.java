package dev.minato.cluster.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.manifest.Document;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a backup back, checking it first: every file the index lists must exist with its checksum,
 * so a damaged backup is reported before anything is restored.
 */
public final class BackupContents {

  private BackupContents() {}

  /** One file of a backup: its path relative to the backup and the object it holds. */
  public record Entry(String path, ObjectNode object) {}

  /** Every object of the backup, in path order; Secrets decrypted with {@code secrets}. */
  public static List<Entry> read(Path dir, Optional<SecretCipher> secrets) throws ClusterException {
    Map<String, String> plain = readAll(dir, secrets);
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, String> file : plain.entrySet()) {
      try {
        List<Document> documents =
            YamlReader.read(dir.resolve(file.getKey()).toString(), file.getValue());
        if (documents.size() != 1 || !(documents.get(0).root() instanceof ObjectNode object)) {
          throw ClusterException.invalidInput(file.getKey() + ": expected exactly one object");
        }
        entries.add(new Entry(file.getKey(), object));
      } catch (ManifestException e) {
        throw ClusterException.invalidInput(e.getMessage());
      }
    }
    return entries;
  }

  /** The text of every file, decrypted, by relative path, after checking the checksums. */
  public static SortedMap<String, String> readAll(Path dir, Optional<SecretCipher> secrets)
      throws ClusterException {
    BackupIndex index = BackupIndex.read(dir);
    SortedMap<String, String> texts = new TreeMap<>();
    List<String> damaged = new ArrayList<>();
    for (Map.Entry<String, String> file : index.files().entrySet()) {
      String path = file.getKey();
      String content;
      try {
        content = Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        damaged.add(path + ": missing");
        continue;
      }
      if (!BackupIndex.sha256(content).equals(file.getValue())) {
        damaged.add(path + ": checksum differs from index.yaml");
        continue;
      }
      if (path.endsWith(".enc")) {
        if (secrets.isEmpty()) {
          throw ClusterException.invalidInput(
              dir
                  + " holds encrypted Secrets; give their key with --encryption-key-file or"
                  + " --encryption-key-env");
        }
        content = secrets.get().decrypt(content, path);
      }
      texts.put(path, content);
    }
    if (!damaged.isEmpty()) {
      throw ClusterException.invalidInput(
          dir + " is damaged; nothing was restored:\n  " + String.join("\n  ", damaged));
    }
    return texts;
  }
}
