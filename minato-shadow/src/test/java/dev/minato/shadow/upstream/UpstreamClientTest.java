package dev.minato.shadow.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamClientTest {

  private final IoThreads threads = IoThreads.start(1);
  private final List<AutoCloseable> open = new ArrayList<>();
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void stop() throws Exception {
    never.countDown();
    for (AutoCloseable c : open) {
      c.close();
    }
    threads.close();
  }

  @Test
  void collectsStatusHeadersAndBodyOfTheResponse() throws Exception {
    HttpServer server = server(exchange -> reply(exchange, 201, "{\"id\":7}", "X-Tag", "a"));
    Outcome outcome = client("http://127.0.0.1:" + port(server)).send(get("/users/7")).get();

    assertThat(outcome).isInstanceOf(Outcome.Answered.class);
    Outcome.Answered answered = (Outcome.Answered) outcome;
    assertThat(answered.status()).isEqualTo(201);
    assertThat(answered.headers()).contains(new Header("X-tag", "a"));
    assertThat(new String(answered.body().content().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":7}");
  }

  @Test
  void sendsTheCapturedHostAndHeadersAndThePathPrefix() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server =
        server(
            exchange -> {
              seen.add(
                  exchange.getRequestHeaders().getFirst("Host")
                      + " "
                      + exchange.getRequestURI()
                      + " "
                      + exchange.getRequestHeaders().getFirst("X-Minato-Shadow"));
              reply(exchange, 200, "ok");
            });
    CapturedRequest request =
        new CapturedRequest(
            "GET",
            "/users?page=2",
            List.of(new Header("Host", "shop.example"), new Header("X-Minato-Shadow", "1")),
            Body.EMPTY);
    client("http://127.0.0.1:" + port(server) + "/v2/").send(request).get();

    assertThat(seen).containsExactly("shop.example /v2/users?page=2 1");
  }

  @Test
  void namesTheUpstreamInHostWhenTheRequestHadNone() throws Exception {
    List<String> hosts = new CopyOnWriteArrayList<>();
    HttpServer server =
        server(
            exchange -> {
              hosts.add(exchange.getRequestHeaders().getFirst("Host"));
              reply(exchange, 200, "ok");
            });
    client("http://127.0.0.1:" + port(server))
        .send(new CapturedRequest("GET", "/", List.of(), Body.EMPTY))
        .get();

    assertThat(hosts).containsExactly("127.0.0.1:" + port(server));
  }

  @Test
  void reusesOneKeepAliveConnectionForRequestsInTurn() throws Exception {
    Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    HttpServer server =
        server(
            exchange -> {
              clientPorts.add(exchange.getRemoteAddress().getPort());
              reply(exchange, 200, "ok");
            });
    UpstreamClient client = client("http://127.0.0.1:" + port(server));
    for (int i = 0; i < 5; i++) {
      assertThat(client.send(get("/" + i)).get()).isInstanceOf(Outcome.Answered.class);
    }

    assertThat(clientPorts).hasSize(1);
  }

  @Test
  void keepsOnlyTheHashOfABodyOverTheLimit() throws Exception {
    String big = "x".repeat(5000);
    HttpServer server = server(exchange -> reply(exchange, 200, big));
    UpstreamClient client =
        UpstreamClient.create(
            UpstreamAddress.parse("http://127.0.0.1:" + port(server)),
            UpstreamSettings.defaults().withBodyLimit(1000),
            threads);
    open.add(client);

    Outcome.Answered answered = (Outcome.Answered) client.send(get("/")).get();

    assertThat(answered.body().comparableByContent()).isFalse();
    assertThat(answered.body().length()).isEqualTo(5000);
    assertThat(answered.body().sha256())
        .isEqualTo(Body.of(big.getBytes(StandardCharsets.UTF_8), 0).sha256());
  }

  @Test
  void aRefusedConnectionIsAConnectFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Outcome outcome = client("http://127.0.0.1:" + closedPort).send(get("/")).get();

    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) outcome).kind()).isEqualTo(FailureKind.CONNECT);
  }

  @Test
  void anUpstreamThatClosesBeforeAnsweringIsAReset() throws Exception {
    ScriptedServer socket = rawServer((request, out) -> false);
    Outcome outcome = client("http://127.0.0.1:" + socket.port()).send(get("/")).get();

    assertThat(((Outcome.Failed) outcome).kind()).isEqualTo(FailureKind.RESET);
  }

  @Test
  void aKeptAliveConnectionTheUpstreamClosedIsRetriedOnceForAnIdempotentRequest() throws Exception {
    ScriptedServer server = rawServer(ScriptedServer.closingKeptAliveConnections("{}"));
    UpstreamClient client = client(server.url());

    Outcome first = client.send(get("/a")).get();
    Outcome second = client.send(get("/b")).get();

    assertThat(first).isInstanceOf(Outcome.Answered.class);
    assertThat(second).isInstanceOf(Outcome.Answered.class);
    // /b met the closed connection, then was sent once more on a new one.
    assertThat(server.seen())
        .extracting(s -> s.target() + "#" + s.onConnection())
        .containsExactly("/a#0", "/b#1", "/b#0");
    assertThat(client.staleRetries()).isEqualTo(1);
  }

  @Test
  void aRequestWithABodyIsNotSentAgainAfterAKeptAliveConnectionWasClosed() throws Exception {
    ScriptedServer server = rawServer(ScriptedServer.closingKeptAliveConnections("{}"));
    UpstreamClient client = client(server.url());
    CapturedRequest post =
        new CapturedRequest(
            "POST",
            "/orders",
            List.of(new Header("Host", "svc")),
            Body.of("{\"sku\":1}".getBytes(StandardCharsets.UTF_8), 1024));

    client.send(get("/a")).get();
    Outcome outcome = client.send(post).get();

    assertThat(((Outcome.Failed) outcome).kind()).isEqualTo(FailureKind.RESET);
    assertThat(server.seen())
        .extracting(ScriptedServer.Seen::target)
        .containsExactly("/a", "/orders");
    assertThat(client.staleRetries()).isZero();
  }

  @Test
  void aServerThatClosesIdleConnectionsIsAnsweredEveryTime() throws Exception {
    ScriptedServer server =
        new ScriptedServer((request, out) -> ScriptedServer.writeFixed(out, 200, "{}"), 100);
    open.add(server);
    UpstreamClient client = client(server.url());

    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      outcomes.add(client.send(get("/" + i)).get());
      Thread.sleep(500); // longer than the server keeps an idle connection
    }

    assertThat(outcomes).allMatch(Outcome.Answered.class::isInstance);
  }

  @Test
  void aSilentUpstreamTimesOut() throws Exception {
    ScriptedServer socket =
        rawServer(
            (request, out) -> {
              await(never);
              return false;
            });
    UpstreamClient client =
        UpstreamClient.create(
            UpstreamAddress.parse("http://127.0.0.1:" + socket.port()),
            UpstreamSettings.defaults().withResponseTimeout(Duration.ofMillis(100)),
            threads);
    open.add(client);

    Outcome outcome = client.send(get("/")).get();

    assertThat(((Outcome.Failed) outcome).kind()).isEqualTo(FailureKind.TIMEOUT);
  }

  @Test
  void garbageInsteadOfAResponseIsAProtocolFailure() throws Exception {
    ScriptedServer socket =
        rawServer(
            (request, out) -> {
              out.write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
              out.flush();
              return true;
            });
    Outcome outcome = client("http://127.0.0.1:" + socket.port()).send(get("/")).get();

    assertThat(((Outcome.Failed) outcome).kind()).isEqualTo(FailureKind.PROTOCOL);
  }

  @Test
  void requestsBeyondTheConnectionsAndWaitingLimitsFailAsOverloaded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server =
        server(
            exchange -> {
              await(release);
              reply(exchange, 200, "late");
            });
    UpstreamClient client = oneConnection(server, Duration.ofSeconds(30), 1);

    var inFlight = client.send(get("/1"));
    var waiting = client.send(get("/2"));
    Outcome refused = client.send(get("/3")).get();
    release.countDown();

    assertThat(((Outcome.Failed) refused).kind()).isEqualTo(FailureKind.OVERLOADED);
    assertThat(inFlight.get()).isInstanceOf(Outcome.Answered.class);
    assertThat(waiting.get()).isInstanceOf(Outcome.Answered.class);
  }

  @Test
  void aRequestWaitingForABusyConnectionFailsAsATimeoutWhenNoneFreesInTime() throws Exception {
    HttpServer server = server(exchange -> await(never));
    UpstreamClient client = oneConnection(server, Duration.ofMillis(300), 5);

    var inFlight = client.send(get("/1"));
    Outcome waited = client.send(get("/2")).get();

    assertThat(waited).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) waited).kind()).as("%s", waited).isEqualTo(FailureKind.TIMEOUT);
    assertThat(((Outcome.Failed) waited).detail()).contains("no connection free within 300 ms");
    assertThat(inFlight.get()).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) inFlight.get()).detail()).contains("no response within 300 ms");
  }

  @Test
  void aCopyAsksForRoomAndFindsNoneWhileItsOnlyConnectionIsBusy() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer server =
        server(
            exchange -> {
              arrived.countDown();
              await(release);
              reply(exchange, 200, "late");
            });
    UpstreamClient client = oneConnection(server, Duration.ofSeconds(30), 5);
    EventLoop loop = (EventLoop) threads.group().next();

    boolean before = loop.submit(client::hasRoom).get();
    var inFlight = client.send(get("/1"));
    arrived.await();
    boolean during = loop.submit(client::hasRoom).get();
    release.countDown();
    inFlight.get();
    boolean after = loop.submit(client::hasRoom).get();

    assertThat(List.of(before, during, after)).containsExactly(true, false, true);
  }

  @Test
  void talksToAnHttpsUpstreamWithASelfSignedCertificateWhenToldToTrustIt() throws Exception {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(TestCertificate.serverContext()));
    server.createContext("/", exchange -> reply(exchange, 200, "secure"));
    server.start();
    open.add(() -> server.stop(0));
    String url = "https://localhost:" + server.getAddress().getPort();
    UpstreamClient insecure =
        UpstreamClient.create(
            UpstreamAddress.parse(url), UpstreamSettings.defaults().withInsecure(true), threads);
    open.add(insecure);

    Outcome.Answered answered = (Outcome.Answered) insecure.send(get("/")).get();
    Outcome verified = client(url).send(get("/")).get();

    assertThat(new String(answered.body().content().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("secure");
    assertThat(((Outcome.Failed) verified).kind()).isEqualTo(FailureKind.TLS);
  }

  /** A client with one connection and room for {@code waiting} requests waiting for it. */
  private UpstreamClient oneConnection(HttpServer server, Duration timeout, int waiting) {
    UpstreamClient client =
        UpstreamClient.create(
            UpstreamAddress.parse("http://127.0.0.1:" + port(server)),
            // A connect timeout no test here is about: a starved loop must not turn into one.
            new UpstreamSettings(Duration.ofSeconds(30), timeout, 1, waiting, 1024, false),
            threads);
    open.add(client);
    return client;
  }

  private UpstreamClient client(String url) {
    UpstreamClient client =
        UpstreamClient.create(UpstreamAddress.parse(url), UpstreamSettings.defaults(), threads);
    open.add(client);
    return client;
  }

  private static CapturedRequest get(String target) {
    return new CapturedRequest("GET", target, List.of(new Header("Host", "svc")), Body.EMPTY);
  }

  private HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", handler);
    server.start();
    open.add(() -> server.stop(0));
    return server;
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange exchange, int status, String body, String... headers)
      throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    for (int i = 0; i < headers.length; i += 2) {
      exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A server that reads each request and then, instead of answering, does what it is told. */
  private ScriptedServer rawServer(ScriptedServer.Script script) throws IOException {
    ScriptedServer server = new ScriptedServer(script);
    open.add(server);
    return server;
  }
}
