package dev.minato.shadow.upstream;

import dev.minato.manifest.testing.SelfSigned;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A server TLS context with a self-signed certificate for {@code localhost}. */
public final class TestCertificate {

  private TestCertificate() {}

  public static SSLContext serverContext() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(SelfSigned.keyStore("server", "localhost"), SelfSigned.PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
