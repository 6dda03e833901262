package dev.minato.cluster.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.manifest.AtomicDirectory;
import dev.minato.manifest.Document;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import dev.minato.manifest.YamlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The table of contents of a backup ({@code index.yaml}): object counts per kind and the sha256 of
 * every file, sorted, with no timestamps, so two backups of equal clusters are identical and a
 * changed or missing file is detected before a restore.
 *
 * @param counts objects per {@code Kind[.group]}
 * @param files sha256 (hex) per relative path
 * @param encryptedSecrets whether Secrets were included (and so encrypted)
 */
public record BackupIndex(
    SortedMap<String, Integer> counts, SortedMap<String, String> files, boolean encryptedSecrets) {

  public int total() {
    return files.size();
  }

  public String toYaml() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.put("apiVersion", "minato.dev/v1");
    root.put("kind", "BackupIndex");
    root.put("objects", total());
    if (encryptedSecrets) {
      root.putObject("secrets")
          .put("encryption", "AES-256-GCM")
          .put("key", "32 bytes, base64, supplied by the user at backup and restore time");
    }
    ObjectNode countNode = root.putObject("counts");
    counts.forEach(countNode::put);
    ObjectNode fileNode = root.putObject("files");
    files.forEach((path, sum) -> fileNode.put(path, "sha256:" + sum));
    return YamlWriter.write(root);
  }

  /**
   * Reads the index of the backup at {@code dir}, first putting the previous backup back if a
   * replacement of it was interrupted between its two renames ({@link AtomicDirectory#recover}).
   */
  public static BackupIndex read(Path dir) throws ClusterException {
    try {
      AtomicDirectory.recover(dir);
    } catch (IOException e) {
      throw ClusterException.environment(
          "cannot recover " + dir + " from an interrupted backup: " + e.getMessage(), e);
    }
    Path file = dir.resolve(BackupLayout.INDEX);
    if (Files.isSymbolicLink(file)) {
      throw ClusterException.invalidInput(
          file + " is a symbolic link; a backup is read only from its own directory");
    }
    List<Document> documents;
    try {
      documents = YamlReader.read(file);
    } catch (ManifestException e) {
      throw ClusterException.invalidInput(
          e.getMessage() + " (is " + dir + " a minato backup? it has no readable index.yaml)");
    }
    if (documents.isEmpty()
        || !"BackupIndex".equals(documents.get(0).root().path("kind").asText())) {
      throw ClusterException.invalidInput(file + ": not a minato backup index (kind BackupIndex)");
    }
    JsonNode root = documents.get(0).root();
    SortedMap<String, Integer> counts = new TreeMap<>();
    root.path("counts")
        .fields()
        .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    SortedMap<String, String> files = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry :
        (Iterable<Map.Entry<String, JsonNode>>) () -> root.path("files").fields()) {
      files.put(entry.getKey(), entry.getValue().asText().replaceFirst("^sha256:", ""));
    }
    return new BackupIndex(counts, files, root.has("secrets"));
  }

  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
