package dev.minato.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.KubeObject;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
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
        plain = SopsDocument.decrypt(object.tree(), keyring.identities()).plaintext();
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

  /** Whether any object is SOPS-encrypted (cheap; no key needed). */
  public static boolean anyEncrypted(List<KubeObject> objects) {
    return objects.stream().anyMatch(o -> SopsDocument.isEncrypted(o.tree()));
  }
}
