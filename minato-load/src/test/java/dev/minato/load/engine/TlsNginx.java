package dev.minato.load.engine;

import dev.minato.manifest.certificate.SelfSignedCertificate;
import dev.minato.manifest.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real nginx serving https on 127.0.0.1 for TLS tests, with a self-signed certificate ({@link
 * SelfSignedCertificate}) for the name {@code localhost} only (so connecting to 127.0.0.1 by
 * address is a name mismatch). Every path answers 200 "ok".
 */
final class TlsNginx implements AutoCloseable {

  /** A certificate and its key in PEM (the key as unencrypted PKCS#8). */
  private final Path dir;

  private final int port;
  private final int mutualPort;
  private final int http2Port;
  private final Process process;
  private final SelfSignedCertificate server;
  private final SelfSignedCertificate client;

  private TlsNginx(
      Path dir,
      int port,
      int mutualPort,
      int http2Port,
      Process process,
      SelfSignedCertificate server,
      SelfSignedCertificate client) {
    this.dir = dir;
    this.port = port;
    this.mutualPort = mutualPort;
    this.http2Port = http2Port;
    this.process = process;
    this.server = server;
    this.client = client;
  }

  static TlsNginx start(Path dir) throws Exception {
    SelfSignedCertificate server = SelfSignedCertificate.create("localhost");
    SelfSignedCertificate client = SelfSignedCertificate.create("load-client");
    Files.writeString(dir.resolve("cert.pem"), server.certificatePem());
    Files.writeString(dir.resolve("key.pem"), server.keyPem());
    Files.writeString(dir.resolve("client-ca.pem"), client.certificatePem());
    int[] ports = FreePorts.loopback(3);
    int port = ports[0];
    int mutualPort = ports[1];
    int http2Port = ports[2];
    Files.createDirectories(dir.resolve("tmp"));
    String d = dir.toAbsolutePath().toString();
    Files.writeString(
        dir.resolve("nginx.conf"),
        String.join(
            "\n",
            "worker_processes 1;",
            "pid " + d + "/nginx.pid;",
            "error_log " + d + "/error.log info;",
            "events { worker_connections 256; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + d + "/tmp/body;",
            "  proxy_temp_path " + d + "/tmp/proxy;",
            "  fastcgi_temp_path " + d + "/tmp/fastcgi;",
            "  uwsgi_temp_path " + d + "/tmp/uwsgi;",
            "  scgi_temp_path " + d + "/tmp/scgi;",
            "  server {",
            "    listen 127.0.0.1:" + port + " ssl;",
            "    ssl_certificate " + d + "/cert.pem;",
            "    ssl_certificate_key " + d + "/key.pem;",
            "    location / { return 200 \"ok\\n\"; }",
            "  }",
            "  server {",
            "    listen 127.0.0.1:" + mutualPort + " ssl;",
            "    ssl_certificate " + d + "/cert.pem;",
            "    ssl_certificate_key " + d + "/key.pem;",
            "    ssl_client_certificate " + d + "/client-ca.pem;",
            "    ssl_verify_client on;",
            "    location / { return 200 \"ok\\n\"; }",
            "  }",
            "  server {",
            "    listen 127.0.0.1:" + http2Port + " ssl http2;",
            "    ssl_certificate " + d + "/cert.pem;",
            "    ssl_certificate_key " + d + "/key.pem;",
            "    location / { return 200 \"ok\\n\"; }",
            "  }",
            "}",
            ""));
    Process process =
        new ProcessBuilder("nginx", "-p", d, "-c", d + "/nginx.conf", "-g", "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    TlsNginx nginx = new TlsNginx(dir, port, mutualPort, http2Port, process, server, client);
    nginx.awaitListening(port, Duration.ofSeconds(10));
    nginx.awaitListening(mutualPort, Duration.ofSeconds(10));
    nginx.awaitListening(http2Port, Duration.ofSeconds(10));
    return nginx;
  }

  int port() {
    return port;
  }

  /** A port where the server demands a client certificate that {@link #client()} holds. */
  int mutualPort() {
    return mutualPort;
  }

  /** A port where the server speaks HTTP/2 to clients that ask for it by ALPN (and 1.1 else). */
  int http2Port() {
    return http2Port;
  }

  /** The server's certificate in PEM, to trust it as a CA. */
  String certificatePem() {
    return server.certificatePem();
  }

  /** A client certificate and key the mutual-TLS port accepts. */
  SelfSignedCertificate client() {
    return client;
  }

  private void awaitListening(int port, Duration limit) throws Exception {
    LoopbackPorts.awaitListening(process, port, limit, this::log);
  }

  /** nginx's output and error log, for a failing test's message. */
  String log() throws IOException {
    Path out = dir.resolve("nginx.out");
    Path error = dir.resolve("error.log");
    return (Files.exists(out) ? Files.readString(out) : "")
        + (Files.exists(error) ? Files.readString(error) : "");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
