package dev.minato.shadow.upstream;

import dev.minato.manifest.certificate.SelfSignedCertificate;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A TLS server context with a new self-signed certificate for {@code localhost}. */
public final class TestCertificate {

  private static final char[] PASSWORD = "changeit".toCharArray();

  private TestCertificate() {}

  public static SSLContext serverContext() throws Exception {
    SelfSignedCertificate made = SelfSignedCertificate.create("localhost");
    // The JDK's key managers take keys only from a key store; this one lives in memory.
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", made.key(), PASSWORD, new Certificate[] {made.certificate()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
