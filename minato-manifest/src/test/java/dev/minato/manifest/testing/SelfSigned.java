package dev.minato.manifest.testing;

import dev.minato.manifest.certificate.SelfSignedCertificate;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * A key and a self-signed certificate ({@link SelfSignedCertificate}) in a key store, for tests
 * whose TLS peer takes its key from a {@code KeyManagerFactory}.
 */
public final class SelfSigned {

  /** The password of the key store and of the key in it. */
  public static final String PASSWORD = "changeit";

  private SelfSigned() {}

  /** An in-memory PKCS#12 key store holding a new key and certificate for {@code name}. */
  public static KeyStore keyStore(String alias, String name) throws Exception {
    SelfSignedCertificate made = SelfSignedCertificate.create(name);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        alias, made.key(), PASSWORD.toCharArray(), new Certificate[] {made.certificate()});
    return store;
  }
}
