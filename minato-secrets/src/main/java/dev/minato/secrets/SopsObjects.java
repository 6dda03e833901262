package dev.minato.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.KubeObject;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import dev.minato.secrets.sops.SopsFormat;
import dev.minato.secrets.sops.YamlComments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decrypts SOPS-encrypted manifests in memory, for {@code apply} and {@code drift}: the plaintext
 * lives only in the returned objects, never in a file. Objects without SOPS metadata pass through
 * unchanged, and the key ring is loaded only when an encrypted object is met.
 */
public final class SopsObjects {

  private SopsObjects() {}

  /** A key ring that may fail to load (a keys file that cannot be read or parsed). */
  @FunctionalInterface
  public interface KeyringSource {
    AgeKeyring load() throws SopsException;
  }

  public static List<KubeObject> decrypt(List<KubeObject> objects, KeyringSource keys)
      throws SopsException {
    List<KubeObject> out = new ArrayList<>(objects.size());
    AgeKeyring keyring = null;
    for (KubeObject object : objects) {
      if (!SopsDocument.isEncrypted(object.tree())) {
        out.add(object);
        continue;
      }
      if (keyring == null) {
        keyring = keys.load();
      }
      ObjectNode plain;
      try {
        plain =
            SopsDocument.needsComments(object.tree())
                ? SopsDocument.decrypt(object.tree(), comments(object), keyring.identities())
                    .plaintext()
                : SopsDocument.decrypt(object.tree(), keyring.identities()).plaintext();
      } catch (SopsException e) {
        throw new SopsException(
            object.source()
                + ": "
                + object.key()
                + ": "
                + e.getMessage()
                + " ("
                + keyring.describe()
                + ")");
      }
      out.add(new KubeObject(plain, object.source(), object.positions()));
    }
    return out;
  }

  /**
   * The comments of an object whose file's rule selects values by comments: read again from its
   * file, whose first document must be this object (SOPS files hold one document). Anything else is
   * refused rather than guessed.
   */
  private static YamlComments comments(KubeObject object) throws SopsException {
    Path file;
    String text;
    try {
      file = Path.of(object.source().source());
      text = Files.readString(file);
    } catch (IOException | RuntimeException e) {
      throw new SopsException(
          "its sops metadata chooses the encrypted values by the YAML comments above them, and"
              + " its file cannot be read again for them: decrypt it with 'minato secrets decrypt'");
    }
    SopsFormat format = SopsFormat.of(String.valueOf(file.getFileName()));
    ObjectNode tree = format.read(text, file.toString());
    // The MAC ciphertext is unique to one encryption: the same one means the same document.
    if (!tree.path("sops").path("mac").equals(object.tree().path("sops").path("mac"))) {
      throw new SopsException(
          "its sops metadata chooses the encrypted values by the YAML comments above them, and"
              + " it is not the first document of its file: keep each such SOPS file to one"
              + " document");
    }
    return format.comments(text);
  }

  /** Whether any object is SOPS-encrypted (cheap; no key needed). */
  public static boolean anyEncrypted(List<KubeObject> objects) {
    return objects.stream().anyMatch(o -> SopsDocument.isEncrypted(o.tree()));
  }
}
