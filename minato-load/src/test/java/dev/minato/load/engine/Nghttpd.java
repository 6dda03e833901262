package dev.minato.load.engine;

import dev.minato.manifest.certificate.SelfSignedCertificate;
import dev.minato.manifest.testing.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code nghttpd} (nghttp2's HTTP/2 server, Debian package {@code nghttp2-server}) on
 * 127.0.0.1, serving the files of {@link #htdocs()}: an HTTP/2 implementation with its own HPACK
 * encoder, flow control and framing, independent of the Netty codec the generator is built on.
 * Cleartext h2c (prior knowledge), or TLS with ALPN {@code h2} and a self-signed certificate for
 * {@code localhost}. A missing nghttpd fails the test with the install hint, never skips it.
 */
public final class Nghttpd implements AutoCloseable {

  private static final Pattern DATA_FRAME =
      Pattern.compile("recv DATA frame <length=(\\d+), flags=0x([0-9a-f]{2}), stream_id=\\d+>");

  private final Path dir;
  private final int port;
  private final boolean tls;
  private final Process process;
  private final String certificatePem;

  private Nghttpd(Path dir, int port, boolean tls, Process process, String certificatePem) {
    this.dir = dir;
    this.port = port;
    this.tls = tls;
    this.process = process;
    this.certificatePem = certificatePem;
  }

  /** nghttpd over cleartext h2c, with more of its {@code options} (like {@code -w 14}). */
  public static Nghttpd h2c(Path dir, String... options) throws Exception {
    return start(dir, false, options);
  }

  /** nghttpd over TLS (ALPN h2 only), with more of its {@code options}. */
  public static Nghttpd tls(Path dir, String... options) throws Exception {
    return start(dir, true, options);
  }

  private static Nghttpd start(Path dir, boolean tls, String... options) throws Exception {
    Path executable = executable();
    Files.createDirectories(dir.resolve("htdocs"));
    int port = FreePorts.loopback(1)[0];
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of("-a", "127.0.0.1", "-d", dir.resolve("htdocs").toString()));
    command.addAll(List.of(options));
    String certificatePem = null;
    if (tls) {
      SelfSignedCertificate server = SelfSignedCertificate.create("localhost");
      Files.writeString(dir.resolve("nghttpd-key.pem"), server.keyPem());
      Files.writeString(dir.resolve("nghttpd-cert.pem"), server.certificatePem());
      certificatePem = server.certificatePem();
      command.add(Integer.toString(port));
      command.add(dir.resolve("nghttpd-key.pem").toString());
      command.add(dir.resolve("nghttpd-cert.pem").toString());
    } else {
      command.add("--no-tls");
      command.add(Integer.toString(port));
    }
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nghttpd.out").toFile())
            .start();
    Nghttpd server = new Nghttpd(dir, port, tls, process, certificatePem);
    LoopbackPorts.awaitListening(process, port, Duration.ofSeconds(10), server::output);
    return server;
  }

  private static Path executable() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String dir : List.of(entry, "/usr/sbin")) {
        Path candidate = Path.of(dir, "nghttpd");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new AssertionError(
        "nghttpd is not installed: these tests run the real nghttp2 HTTP/2 server against the"
            + " generator; apt-get install nghttp2-server (.ci/run does)");
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The document root: files written here are served at their path. */
  public Path htdocs() {
    return dir.resolve("htdocs");
  }

  /** The URL of {@code path}: by address for h2c, by the certificate's name for TLS. */
  public URI uri(String path) {
    return URI.create(
        (tls ? "https://localhost:" : "http://127.0.0.1:") + port + (path.isEmpty() ? "/" : path));
  }

  /** The server's self-signed certificate in PEM, to trust it as a CA (TLS only). */
  public String certificatePem() {
    if (certificatePem == null) {
      throw new IllegalStateException("a cleartext nghttpd has no certificate");
    }
    return certificatePem;
  }

  /** What nghttpd printed: its frame log when started with {@code -v}. */
  public String output() throws IOException {
    Path out = dir.resolve("nghttpd.out");
    return Files.exists(out) ? Files.readString(out) : "";
  }

  /** What the server read of request bodies, by its {@code -v} frame log. */
  public record ReceivedData(long bytes, long frames, long endedStreams) {}

  /** The DATA frames the server read, from its {@code -v} frame log. */
  public ReceivedData receivedData() throws IOException {
    long bytes = 0;
    long frames = 0;
    long ended = 0;
    Matcher m = DATA_FRAME.matcher(output());
    while (m.find()) {
      bytes += Long.parseLong(m.group(1));
      frames++;
      if ((Integer.parseInt(m.group(2), 16) & 0x01) != 0) {
        ended++;
      }
    }
    return new ReceivedData(bytes, frames, ended);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
