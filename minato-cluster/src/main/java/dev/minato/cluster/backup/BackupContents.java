package dev.minato.cluster.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.objects.GenericObjects;
import dev.minato.manifest.Document;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a backup back, checking all of it before anything is used: a restore must read only its own
 * backup and only what minato wrote there. Every path the index lists must have the layout's form
 * ({@link BackupLayout}), so nothing outside the backup directory is ever read (no absolute paths,
 * no {@code ..}, no symbolic link anywhere on the way); every file must exist with the index's
 * checksum; and every object must be the one its place names (a ClusterRoleBinding in a ConfigMap's
 * file is refused). One bad file refuses the whole backup, naming the file.
 */
public final class BackupContents {

  private BackupContents() {}

  /** One file of a backup: its path relative to the backup and the object it holds. */
  public record Entry(String path, ObjectNode object) {}

  /** Every object of the backup, in path order; Secrets decrypted with {@code secrets}. */
  public static List<Entry> read(Path dir, Optional<SecretCipher> secrets) throws ClusterException {
    Map<String, String> plain = readAll(dir, secrets);
    List<Entry> entries = new ArrayList<>();
    List<String> misplaced = new ArrayList<>();
    for (Map.Entry<String, String> file : plain.entrySet()) {
      String path = file.getKey();
      ObjectNode object;
      try {
        List<Document> documents = YamlReader.read(dir.resolve(path).toString(), file.getValue());
        if (documents.size() != 1 || !(documents.get(0).root() instanceof ObjectNode node)) {
          misplaced.add(path + ": expected exactly one object");
          continue;
        }
        object = node;
      } catch (ManifestException e) {
        throw ClusterException.invalidInput(
            e.located() + "; " + dir + " is damaged, nothing was restored");
      }
      ObjectKey place = BackupLayout.parse(path).orElseThrow().key();
      ObjectKey held = GenericObjects.keyOf(object);
      if (!place.equals(held)) {
        misplaced.add(path + ": holds " + describe(held) + ", but its place is " + describe(place));
      } else {
        entries.add(new Entry(path, object));
      }
    }
    refuseIfAny(dir, misplaced);
    return entries;
  }

  /**
   * The text of every file, decrypted, by relative path, after checking each path's form and each
   * checksum.
   */
  public static SortedMap<String, String> readAll(Path dir, Optional<SecretCipher> secrets)
      throws ClusterException {
    BackupIndex index = BackupIndex.read(dir);
    List<String> damaged = new ArrayList<>();
    for (String path : index.files().keySet()) {
      outsideLayout(dir, path).ifPresent(problem -> damaged.add(path + ": " + problem));
    }
    refuseIfAny(dir, damaged);
    SortedMap<String, String> texts = new TreeMap<>();
    for (Map.Entry<String, String> file : index.files().entrySet()) {
      String path = file.getKey();
      String content;
      try {
        content = Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
      } catch (IOException e) {
        damaged.add(path + ": missing or unreadable");
        continue;
      }
      if (!BackupIndex.sha256(content).equals(file.getValue())) {
        damaged.add(path + ": checksum differs from index.yaml");
        continue;
      }
      texts.put(path, content);
    }
    refuseIfAny(dir, damaged);
    if (texts.keySet().stream().anyMatch(path -> path.endsWith(".enc"))) {
      if (secrets.isEmpty()) {
        throw ClusterException.invalidInput(
            dir
                + " holds encrypted Secrets; give their key with --encryption-key-file or"
                + " --encryption-key-env");
      }
      for (Map.Entry<String, String> file : texts.entrySet()) {
        if (file.getKey().endsWith(".enc")) {
          file.setValue(secrets.get().decrypt(file.getValue(), file.getKey()));
        }
      }
    }
    return texts;
  }

  /**
   * Why {@code path} may not be read as part of the backup at {@code dir}, or empty: it must have
   * the layout's form, and neither the file nor a directory on the way may be a symbolic link, so
   * what is read is inside the backup whatever the links would point to.
   */
  private static Optional<String> outsideLayout(Path dir, String path) {
    if (BackupLayout.parse(path).isEmpty()) {
      return Optional.of(
          "not a path of a minato backup (expected <namespace or _cluster>/<Kind[.group]>/"
              + "<name>.yaml, or .yaml.enc for a Secret)");
    }
    Path current = dir;
    for (String part : path.split("/")) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        return Optional.of("is a symbolic link (" + dir.relativize(current) + ")");
      }
    }
    if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("not a regular file");
    }
    return Optional.empty();
  }

  private static String describe(ObjectKey key) {
    String kind = key.group().isEmpty() ? key.kind() : key.kind() + "." + key.group();
    return kind + " " + (key.namespace().isEmpty() ? "" : key.namespace() + "/") + key.name();
  }

  private static void refuseIfAny(Path dir, List<String> problems) throws ClusterException {
    if (!problems.isEmpty()) {
      throw ClusterException.invalidInput(
          dir
              + " is damaged or not as minato wrote it; nothing was restored:\n  "
              + String.join("\n  ", problems));
    }
  }
}
