package dev.minato.manifest.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

/**
 * A key and a self-signed certificate made by the JDK's own keytool (no extra library), for tests
 * that need a real TLS peer: EC P-256, valid two days, the name as CN and DNS subject alternative
 * name.
 */
public final class SelfSigned {

  /** The password of the key store and of the key in it. */
  public static final String PASSWORD = "changeit";

  private SelfSigned() {}

  /** A PKCS#12 key store in {@code dir} holding the key and certificate under {@code alias}. */
  public static KeyStore keyStore(Path dir, String alias, String name) throws Exception {
    Path keystore = dir.resolve(alias + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process keygen =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    alias,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + name,
                    "-ext",
                    "SAN=dns:" + name,
                    "-validity",
                    "2",
                    "-keystore",
                    keystore.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keygen.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }
}
