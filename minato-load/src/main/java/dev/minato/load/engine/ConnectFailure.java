package dev.minato.load.engine;

import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Why a connection could not be opened, in words a user can act on. */
final class ConnectFailure {

  private ConnectFailure() {}

  static String explain(Throwable failure) {
    Throwable root = failure;
    boolean tls = failure instanceof SSLException;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      tls |= root instanceof SSLException;
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root instanceof CertPathBuilderException
        || message.contains("unable to find valid certification path")) {
      return "the server's certificate is not signed by a CA this run trusts; give its CA with"
          + " --cacert (spec.tls.caFile), or --insecure to skip verification ("
          + message
          + ")";
    }
    if (root instanceof CertificateException && message.contains("matching")) {
      return "the server's certificate is not for this host name or address; target the name it"
          + " was issued for ("
          + message
          + ")";
    }
    // The JDK says "no_application_protocol", BoringSSL "TLSV1_ALERT_NO_APPLICATION_PROTOCOL".
    if (message.toLowerCase(Locale.ROOT).contains("no_application_protocol")) {
      return "the server does not speak HTTP/2 over TLS: it refused ALPN h2; run without --http2"
          + " (protocol http/1.1)";
    }
    if (root instanceof ConnectException || message.contains("Connection refused")) {
      return "connection refused: nothing accepts connections at the target's address and port";
    }
    return (tls ? "TLS handshake failed: " : "") + message;
  }
}
