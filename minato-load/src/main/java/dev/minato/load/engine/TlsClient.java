package dev.minato.load.engine;

import dev.minato.load.scenario.Tls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS for an https target: one client context per run, and a handler per connection that sends the
 * target's name (SNI) and, unless verification is skipped, checks the certificate against it as a
 * browser would. The handshake is part of opening a connection, so it costs what it costs a real
 * client on a new connection, and keep-alive connections pay it once.
 *
 * <p>Records are encrypted by BoringSSL (netty-tcnative) when its native library loads, else by the
 * JDK. BoringSSL runs AES-GCM in native code from the first record, where the JDK's AES-GCM is fast
 * only once C2 has compiled it, so a load test over TLS needs neither C2's compile time nor its
 * warm-up (docs/load.md, "TLS"). The system property {@value #PROVIDER_PROPERTY} ({@code jdk} or
 * {@code openssl}) chooses one; {@code openssl} where it does not load is an error, not a silent
 * fallback.
 */
final class TlsClient {

  /** The system property that chooses the TLS implementation. */
  static final String PROVIDER_PROPERTY = "minato.load.tls";

  private final SslContext context;
  private final SslProvider provider;
  private final String host;
  private final int port;
  private final boolean verifyHost;
  private final long handshakeTimeoutMillis;

  private TlsClient(
      SslContext context,
      SslProvider provider,
      String host,
      int port,
      boolean verifyHost,
      long timeoutMillis) {
    this.context = context;
    this.provider = provider;
    this.host = host;
    this.port = port;
    this.verifyHost = verifyHost;
    this.handshakeTimeoutMillis = timeoutMillis;
  }

  static TlsClient create(Tls tls, String host, int port, long timeoutMillis) throws LoadException {
    return create(tls, host, port, timeoutMillis, false);
  }

  /** With {@code http2}, the handshake offers only {@code h2} by ALPN. */
  static TlsClient create(Tls tls, String host, int port, long timeoutMillis, boolean http2)
      throws LoadException {
    SslProvider provider = provider();
    SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(provider);
    if (http2) {
      builder.applicationProtocolConfig(
          new ApplicationProtocolConfig(
              ApplicationProtocolConfig.Protocol.ALPN,
              ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
              ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
              ApplicationProtocolNames.HTTP_2));
    }
    if (tls.insecureSkipVerify()) {
      builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
    } else if (tls.caPem().isPresent()) {
      builder.trustManager(
          new ByteArrayInputStream(tls.caPem().get().getBytes(StandardCharsets.US_ASCII)));
    }
    tls.client()
        .ifPresent(
            client ->
                builder.keyManager(
                    new ByteArrayInputStream(
                        client.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                    new ByteArrayInputStream(client.keyPem().getBytes(StandardCharsets.US_ASCII))));
    try {
      return new TlsClient(
          builder.build(),
          provider,
          host,
          port,
          !tls.insecureSkipVerify(),
          Math.max(1, timeoutMillis));
    } catch (SSLException | IllegalArgumentException e) {
      throw new LoadException("cannot set up TLS: " + e.getMessage());
    }
  }

  /** The TLS implementation the system property asks for; see {@link #provider(String)}. */
  static SslProvider provider() throws LoadException {
    return provider(System.getProperty(PROVIDER_PROPERTY, ""));
  }

  /**
   * {@code jdk}, {@code openssl} (BoringSSL, an error where it does not load) or nothing: BoringSSL
   * when it loads and the JDK's when not.
   */
  static SslProvider provider(String wanted) throws LoadException {
    switch (wanted.trim().toLowerCase(Locale.ROOT)) {
      case "":
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
      case "jdk":
        return SslProvider.JDK;
      case "openssl":
        if (!OpenSsl.isAvailable()) {
          throw new LoadException(
              "cannot set up TLS: "
                  + PROVIDER_PROPERTY
                  + "=openssl, but BoringSSL (netty-tcnative) does not load here: "
                  + OpenSsl.unavailabilityCause());
        }
        return SslProvider.OPENSSL;
      default:
        throw new LoadException(
            "cannot set up TLS: " + PROVIDER_PROPERTY + " is jdk or openssl, not '" + wanted + "'");
    }
  }

  /** {@code openssl} or {@code jdk}: what encrypts this run's records. */
  String providerName() {
    return provider == SslProvider.JDK ? "jdk" : "openssl";
  }

  SslHandler handler(ByteBufAllocator alloc) {
    SslHandler handler = context.newHandler(alloc, host, port);
    if (verifyHost) {
      SSLEngine engine = handler.engine();
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
    }
    handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
    return handler;
  }
}
