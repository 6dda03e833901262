package dev.minato.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.minato.cli.CliRun;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShadowCommandTest {

  private HttpServer primary;
  private HttpServer candidate;

  @AfterEach
  void stop() {
    if (primary != null) {
      primary.stop(0);
    }
    if (candidate != null) {
      candidate.stop(0);
    }
  }

  @Test
  void proxiesUntilTheRequestBudgetAndReportsTheCounts() throws Exception {
    primary = server("{\"v\":1}");
    candidate = server("{\"v\":2}");
    int port = freePort();
    CompletableFuture<CliRun> run =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.of(
                    "shadow",
                    "--listen",
                    "127.0.0.1:" + port,
                    "--primary",
                    url(primary),
                    "--candidate",
                    url(candidate),
                    "--requests",
                    "3",
                    "--threads",
                    "1"));
    awaitListening(port);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/items/" + i))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("{\"v\":1}");
    }
    CliRun result = run.get();

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("shadow: 3 requests, 3 compared (3 with a secondary), 3 differing")
        .contains("proxied requests: 3")
        .contains("GET /items/{id}: 3 compared, 3 differing")
        .contains("REGRESSION");
    assertThat(result.err()).contains("listening on 127.0.0.1:" + port);
  }

  @Test
  void anUpstreamThatIsNotAUrlIsInvalidInput() {
    CliRun run =
        CliRun.of(
            "shadow", "--listen", ":0", "--primary", "ftp://old", "--candidate", "http://new");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--primary: 'ftp://old' is not an http:// or https:// URL");
  }

  @Test
  void aListenAddressWithoutAPortIsInvalidInput() {
    CliRun run =
        CliRun.of(
            "shadow", "--listen", "localhost", "--primary", "http://a", "--candidate", "http://b");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--listen: 'localhost' is not a listen address: it has no port");
  }

  @Test
  void aBodyLimitThatIsNotAQuantityIsInvalidInput() {
    CliRun run =
        CliRun.of(
            "shadow",
            "--listen",
            ":0",
            "--primary",
            "http://a",
            "--candidate",
            "http://b",
            "--body-limit",
            "lots");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--body-limit");
  }

  @Test
  void aListenAddressInUseIsAnEnvironmentError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun run =
          CliRun.of(
              "shadow",
              "--listen",
              "127.0.0.1:" + taken.getLocalPort(),
              "--primary",
              "http://127.0.0.1:1",
              "--candidate",
              "http://127.0.0.1:1",
              "--requests",
              "1");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.err()).contains("cannot listen on");
    }
  }

  @Test
  void helpShowsAnExample() {
    CliRun run = CliRun.of("shadow", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("minato shadow --listen :8080 --primary");
  }

  private static HttpServer server(String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return server;
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 1000; attempt++) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(10);
      }
    }
    throw new AssertionError("the proxy never listened on " + port);
  }
}
