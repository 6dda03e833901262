package dev.minato.load.engine;

import dev.minato.load.scenario.Tls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS for an https target: one client context per run, and a handler per connection that sends the
 * target's name (SNI) and, unless verification is skipped, checks the certificate against it as a
 * browser would. The handshake is part of opening a connection, so it costs what it costs a real
 * client on a new connection, and keep-alive connections pay it once.
 */
final class TlsClient {

  private final SslContext context;
  private final String host;
  private final int port;
  private final boolean verifyHost;
  private final long handshakeTimeoutMillis;

  private TlsClient(
      SslContext context, String host, int port, boolean verifyHost, long timeoutMillis) {
    this.context = context;
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
    SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
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
          builder.build(), host, port, !tls.insecureSkipVerify(), Math.max(1, timeoutMillis));
    } catch (SSLException | IllegalArgumentException e) {
      throw new LoadException("cannot set up TLS: " + e.getMessage());
    }
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
