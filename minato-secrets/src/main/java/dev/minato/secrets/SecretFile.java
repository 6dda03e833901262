package dev.minato.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import dev.minato.secrets.age.AgeException;
import dev.minato.secrets.age.AgeRecipient;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import dev.minato.secrets.sops.SopsFormat;
import dev.minato.secrets.sops.SopsMetadata;
import dev.minato.secrets.sops.YamlComments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SOPS file on disk and what {@code minato secrets} does to it. Every operation returns the new
 * text; the caller writes it (atomically) only after everything succeeded, so a wrong key, a
 * tampered value or a MAC mismatch leaves the file as it was.
 */
public record SecretFile(
    Path path,
    SopsFormat format,
    ObjectNode encrypted,
    YamlComments comments,
    SopsDocument.Decrypted opened) {

  /** Reads and decrypts {@code path}: refuses a file without SOPS metadata or that fails checks. */
  public static SecretFile open(Path path, AgeKeyring keys) throws SopsException {
    SopsFormat format = SopsFormat.of(path.getFileName().toString());
    String text = read(path);
    ObjectNode tree = format.read(text, path.toString());
    YamlComments comments = format.comments(text);
    if (!SopsDocument.isEncrypted(tree)) {
      throw new SopsException(
          path + " is not SOPS-encrypted (no sops.mac); encrypt it with 'minato secrets encrypt'");
    }
    try {
      return new SecretFile(
          path, format, tree, comments, SopsDocument.decrypt(tree, comments, keys.identities()));
    } catch (SopsException e) {
      if (e.pointer().isPresent()) {
        throw new SopsException(located(path, text, e.pointer().get()) + ": " + e.getMessage());
      }
      throw new SopsException(path + ": " + e.getMessage() + " (" + keys.describe() + ")");
    }
  }

  /**
   * {@code file:line:column} of the field at {@code pointer} (JSON is read as YAML for this; where
   * that fails, the file alone).
   */
  static String located(Path path, String text, String pointer) {
    try {
      List<Document> documents = YamlReader.read(path.toString(), text);
      if (!documents.isEmpty()) {
        return documents.get(0).positions().key(pointer).toString();
      }
    } catch (ManifestException e) {
      // The file was read already; only its position is unknown.
    }
    return path.toString();
  }

  /** The encrypted text of the plaintext file {@code path}, with {@code settings}. */
  public static String encrypt(
      Path path, SopsDocument.Settings settings, Clock clock, SecureRandom random)
      throws SopsException {
    SopsFormat format = SopsFormat.of(path.getFileName().toString());
    String text = read(path);
    ObjectNode tree = format.read(text, path.toString());
    if (tree.has("sops")) {
      throw new SopsException(
          path
              + " is already SOPS-encrypted (it has a top-level 'sops' key); use 'minato secrets"
              + " edit', 'rotate' or 'updatekeys'");
    }
    return write(
        format,
        SopsDocument.encrypt(
            tree, format.comments(text), settings, Optional.empty(), clock, random));
  }

  /** How many values (not comments, not metadata) of an encrypted file's text are encrypted. */
  public static int encryptedValues(Path path, String encrypted) throws SopsException {
    ObjectNode tree = SopsFormat.of(path.getFileName().toString()).read(encrypted, path.toString());
    int count = 0;
    for (var fields = tree.fields(); fields.hasNext(); ) {
      var field = fields.next();
      if (!field.getKey().equals("sops")) {
        count += encryptedValues(field.getValue());
      }
    }
    return count;
  }

  private static int encryptedValues(JsonNode node) {
    if (!node.isContainerNode()) {
      return node.isTextual() && node.asText().startsWith("ENC[") ? 1 : 0;
    }
    int count = 0;
    for (JsonNode child : node) {
      count += encryptedValues(child);
    }
    return count;
  }

  public String plaintext() {
    return format.write(opened.plaintext(), opened.comments());
  }

  /**
   * The file with {@code plaintext} as its new content: same data key, recipients and rules, and
   * the old ciphertext for every unchanged value. Equal content gives an equal file.
   */
  public String reencrypt(String plaintext, Clock clock, SecureRandom random) throws SopsException {
    ObjectNode tree = format.read(plaintext, path + " (edited)");
    YamlComments edited = format.comments(plaintext);
    if (tree.equals(opened.plaintext()) && edited.equals(opened.comments())) {
      return read(path);
    }
    if (tree.has("sops")) {
      throw new SopsException(path + " (edited): a top-level 'sops' key is reserved for metadata");
    }
    return write(
        format,
        SopsDocument.encrypt(tree, edited, currentSettings(), Optional.of(opened), clock, random));
  }

  /** A new data key: every value is encrypted again and the key wrapped for the same recipients. */
  public String rotate(Clock clock, SecureRandom random) throws SopsException {
    return write(
        format,
        SopsDocument.encrypt(
            opened.plaintext(),
            opened.comments(),
            currentSettings(),
            Optional.empty(),
            clock,
            random));
  }

  /** The same file with its data key wrapped for {@code recipients}; values unchanged. */
  public String updateKeys(List<AgeRecipient> recipients, SecureRandom random) {
    return format.write(SopsDocument.rewrap(encrypted, opened, recipients, random), comments);
  }

  public SopsMetadata metadata() {
    return opened.metadata();
  }

  private SopsDocument.Settings currentSettings() throws SopsException {
    if (!opened.metadata().otherKeyKinds().isEmpty()) {
      throw new SopsException(
          path
              + " also holds "
              + String.join(", ", opened.metadata().otherKeyKinds())
              + " keys, which minato cannot rewrap; refusing to rewrite it without them (use sops)");
    }
    List<AgeRecipient> recipients = new ArrayList<>();
    for (String recipient : opened.metadata().recipients()) {
      try {
        recipients.add(AgeRecipient.parse(recipient));
      } catch (AgeException e) {
        throw new SopsException(path + ": sops.age: " + e.getMessage());
      }
    }
    return new SopsDocument.Settings(recipients, opened.metadata().rules());
  }

  private static String write(SopsFormat format, SopsDocument.Sealed sealed) {
    return format.write(sealed.tree(), sealed.comments());
  }

  private static String read(Path path) throws SopsException {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new SopsException("cannot read " + path + ": " + e);
    }
  }
}
