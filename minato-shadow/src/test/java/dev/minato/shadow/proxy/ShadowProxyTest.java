package dev.minato.shadow.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.upstream.IoThreads;
import dev.minato.shadow.upstream.SchedulingClass;
import dev.minato.shadow.upstream.ScriptedServer;
import dev.minato.shadow.upstream.TestCertificate;
import dev.minato.shadow.upstream.UpstreamAddress;
import dev.minato.shadow.upstream.UpstreamSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShadowProxyTest {

  private static final String ODD_RESPONSE =
      "HTTP/1.1 200 OK\r\nx-lower-case: a\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
          + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"id\": \"42\"}\n";

  private final IoThreads threads = IoThreads.start(1);
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final CountDownLatch stall = new CountDownLatch(1);

  @AfterEach
  void stop() throws Exception {
    stall.countDown();
    for (AutoCloseable c : open) {
      c.close();
    }
    threads.close();
  }

  @Test
  void theClientGetsThePrimarysResponseByteForByte() throws Exception {
    ScriptedServer primary =
        server(
            (request, out) -> {
              out.write(ODD_RESPONSE.getBytes(StandardCharsets.US_ASCII));
              out.flush();
              return true;
            });
    ShadowProxy proxy = proxy(primary.url(), server(ScriptedServer.fixed("{}")).url());

    byte[] direct;
    try (RawClient client = new RawClient(primary.port())) {
      direct = client.exchange(RawClient.get("/users/42", "shop.example"));
    }
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      assertThat(client.exchange(RawClient.get("/users/42", "shop.example"))).isEqualTo(direct);
      assertThat(client.exchange(RawClient.get("/users/42", "shop.example"))).isEqualTo(direct);
    }
    assertThat(new String(direct, StandardCharsets.US_ASCII)).isEqualTo(ODD_RESPONSE);
  }

  @Test
  void theHostHeaderReachesThePrimaryAndTheCopiesAsTheClientSentIt() throws Exception {
    ScriptedServer primary = server(ScriptedServer.fixed("{}"));
    ScriptedServer candidate = server(ScriptedServer.fixed("{}"));
    ShadowProxy proxy = proxy(primary.url(), candidate.url());

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.exchange(RawClient.get("/a", "shop.example"));
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    assertThat(primary.seen()).extracting(s -> s.header("Host")).containsOnly("shop.example");
    assertThat(candidate.seen()).extracting(s -> s.header("Host")).containsExactly("shop.example");
  }

  @Test
  void mirroredCopiesCarryTheShadowHeaderAndTheClientsRequestDoesNot() throws Exception {
    ScriptedServer primary = server(ScriptedServer.fixed("{}"));
    ScriptedServer candidate = server(ScriptedServer.fixed("{}"));
    ShadowProxy proxy = proxy(primary.url(), candidate.url());

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.exchange(RawClient.get("/a", "shop.example"));
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    assertThat(candidate.seen().get(0).header("X-Minato-Shadow")).isEqualTo("1");
    // Without a secondary, the GET went to the primary twice: once for the client, once as noise.
    assertThat(primary.seen())
        .extracting(s -> s.header("X-Minato-Shadow"))
        .containsExactlyInAnyOrder(null, "1");
    assertThat(exchanges).hasSize(1);
    assertThat(exchanges.get(0).secondary()).isPresent();
    assertThat(exchanges.get(0).request().headers())
        .noneMatch(h -> h.name().equalsIgnoreCase("X-Minato-Shadow"));
  }

  @Test
  void aSecondaryTakesThePlaceOfAskingThePrimaryTwice() throws Exception {
    ScriptedServer primary = server(ScriptedServer.fixed("{}"));
    ScriptedServer secondary = server(ScriptedServer.fixed("{}"));
    ShadowProxy proxy =
        ShadowProxy.start(
            settings(primary.url(), server(ScriptedServer.fixed("{}")).url())
                .secondary(Optional.of(UpstreamAddress.parse(secondary.url())))
                .build(),
            exchanges::add,
            threads);
    open.add(proxy);

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.exchange(RawClient.get("/a", "shop.example"));
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    assertThat(primary.seen()).hasSize(1);
    assertThat(secondary.seen()).hasSize(1);
    assertThat(proxy.status().secondaryFromPrimary()).isZero();
  }

  @Test
  void theExchangeHoldsTheClientsRequestAndEveryUpstreamsAnswer() throws Exception {
    ShadowProxy proxy =
        proxy(
            server(ScriptedServer.fixed("{\"v\":1}")).url(),
            server(ScriptedServer.fixed("{\"v\":2}")).url());

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.exchange(RawClient.get("/users/7?x=1", "shop.example"));
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    Exchange exchange = exchanges.get(0);
    assertThat(exchange.request().method()).isEqualTo("GET");
    assertThat(exchange.request().target()).isEqualTo("/users/7?x=1");
    assertThat(body(exchange.primary())).isEqualTo("{\"v\":1}");
    assertThat(body(exchange.candidate())).isEqualTo("{\"v\":2}");
    assertThat(body(exchange.secondary().orElseThrow())).isEqualTo("{\"v\":1}");
  }

  @Test
  void theComparisonRunsOffTheEventLoopsSoItCannotDelayClients() throws Exception {
    List<String> sinkThreads = new CopyOnWriteArrayList<>();
    ShadowProxy proxy =
        ShadowProxy.start(
            settings(
                    server(ScriptedServer.fixed("{}")).url(),
                    server(ScriptedServer.fixed("{}")).url())
                .build(),
            exchange -> sinkThreads.add(Thread.currentThread().getName()),
            threads);
    open.add(0, proxy);

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.exchange(RawClient.get("/a", "shop"));
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    assertThat(sinkThreads).containsExactly("minato-shadow-compare");
  }

  @Test
  void copiesAndTheComparisonRunInTheIdleSchedulingClassAndTheClientsLoopsDoNot() throws Exception {
    assumeTrue(SchedulingClass.available(), "Linux with chrt");
    ShadowProxy proxy =
        proxy(server(ScriptedServer.fixed("{}")).url(), server(ScriptedServer.fixed("{}")).url());

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.exchange(RawClient.get("/a", "shop"));
    }
    assertThat(proxy.awaitMirrors(Duration.ofSeconds(10))).isTrue();

    assertThat(exchanges).hasSize(1);
    assertThat(SchedulingClass.ofThreadsNamed("shadow-mirror"))
        .isNotEmpty()
        .containsOnly(SchedulingClass.IDLE);
    assertThat(SchedulingClass.ofThreadsNamed("minato-shadow-c"))
        .isNotEmpty()
        .containsOnly(SchedulingClass.IDLE);
    assertThat(SchedulingClass.ofThreadsNamed("minato-shadow-i"))
        .isNotEmpty()
        .containsOnly(SchedulingClass.NORMAL);
  }

  @Test
  void copiesWaitingForTheirPrimaryCountAgainstTheQueueAndTheOverflowIsDropped() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    CountDownLatch bothArrived = new CountDownLatch(2);
    ScriptedServer primary =
        server(
            (request, out) -> {
              bothArrived.countDown();
              await(answer);
              ScriptedServer.writeFixed(out, 200, "{}");
              return true;
            });
    ProxySettings settings =
        settings(primary.url(), server(ScriptedServer.fixed("{}")).url())
            .primaryTwice(false)
            .queueCapacity(1)
            .build();
    ShadowProxy proxy = start(settings);

    try (RawClient first = new RawClient(proxy.address().getPort());
        RawClient second = new RawClient(proxy.address().getPort())) {
      first.send(RawClient.get("/a", "shop"));
      second.send(RawClient.get("/b", "shop"));
      bothArrived.await();
      answer.countDown();
      assertThat(new String(first.readResponse(), StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 200");
      assertThat(new String(second.readResponse(), StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 200");
    }
    ShadowStatus status = offered(proxy, 2);

    assertThat(status.mirrored()).isEqualTo(1);
    assertThat(status.dropped()).isEqualTo(1);
    assertThat(status.primaryAnswered()).isEqualTo(2);
  }

  @Test
  void aLargeResponseStreamsToTheClientBeforeThePrimaryHasFinishedIt() throws Exception {
    CountDownLatch secondHalf = new CountDownLatch(1);
    ScriptedServer primary = server(streamedInTwo(secondHalf));
    ShadowProxy proxy = proxy(primary.url(), server(ScriptedServer.fixed("{}")).url(), false);

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.send(RawClient.get("/stream", "shop.example"));
      String head = client.readHead();
      String first = client.readChunk();
      secondHalf.countDown();
      String second = client.readChunk();

      assertThat(head).contains("Transfer-Encoding: chunked");
      assertThat(first).isEqualTo("first");
      assertThat(second).isEqualTo("second");
      assertThat(client.readChunk()).isEmpty();
    }
  }

  @Test
  void aStreamedAnswerIsComparedWholeAfterTheClientHasIt() throws Exception {
    ScriptedServer primary = server(streamedInTwo(new CountDownLatch(0)));
    ShadowProxy proxy = proxy(primary.url(), server(ScriptedServer.fixed("firstsecond")).url());

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.send(RawClient.get("/stream", "shop.example"));
      client.readHead();
      assertThat(client.readChunk() + client.readChunk()).isEqualTo("firstsecond");
      assertThat(client.readChunk()).isEmpty();
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    assertThat(exchanges).hasSize(1);
    assertThat(body(exchanges.get(0).primary())).isEqualTo("firstsecond");
    assertThat(body(exchanges.get(0).candidate())).isEqualTo("firstsecond");
  }

  @Test
  void aRequestBodyStreamsToThePrimaryBeforeTheClientHasSentItAll() throws Exception {
    CountDownLatch firstPartArrived = new CountDownLatch(1);
    try (ServerSocket primary = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread serving =
          new Thread(
              () -> {
                try (Socket connection = primary.accept()) {
                  InputStream in = connection.getInputStream();
                  StringBuilder seen = new StringBuilder();
                  while (!seen.toString().endsWith("0\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                      return;
                    }
                    seen.append((char) b);
                    if (seen.toString().contains("first")) {
                      firstPartArrived.countDown();
                    }
                  }
                  connection
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // the test is over
                }
              });
      serving.setDaemon(true);
      serving.start();
      ShadowProxy proxy =
          proxy(
              "http://127.0.0.1:" + primary.getLocalPort(),
              server(ScriptedServer.fixed("ok")).url());

      try (RawClient client = new RawClient(proxy.address().getPort())) {
        client.send(
            "POST /upload HTTP/1.1\r\nHost: shop\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n");

        assertThat(firstPartArrived.await(10, TimeUnit.SECONDS)).isTrue();
        client.send("6\r\nsecond\r\n0\r\n\r\n");
        assertThat(client.readHead()).startsWith("HTTP/1.1 200");
      }
    }
  }

  @Test
  void anHttpsPrimaryIsServedThroughThePlainListener() throws Exception {
    HttpsServer primary = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    primary.setHttpsConfigurator(new HttpsConfigurator(TestCertificate.serverContext()));
    primary.createContext(
        "/",
        exchange -> {
          byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    primary.start();
    open.add(() -> primary.stop(0));
    ProxySettings settings =
        settings(
                "https://localhost:" + primary.getAddress().getPort(),
                server(ScriptedServer.fixed("{}")).url())
            .primarySettings(UpstreamSettings.defaults().withInsecure(true))
            .build();
    ShadowProxy proxy = ShadowProxy.start(settings, exchanges::add, threads);
    open.add(proxy);

    HttpResponse<String> response = httpGet(proxy, "/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("secure");
  }

  @Test
  void aStalledCandidateNeitherDelaysNorFailsTheClientsAndTheOverflowIsDropped() throws Exception {
    ScriptedServer primary = server(ScriptedServer.fixed("{}"));
    ScriptedServer candidate =
        server(
            (request, out) -> {
              await(stall);
              return false;
            });
    ProxySettings settings = settings(primary.url(), candidate.url()).queueCapacity(5).build();
    ShadowProxy proxy = ShadowProxy.start(settings, exchanges::add, threads);
    open.add(proxy);

    int answered = 0;
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      for (int i = 0; i < 50; i++) {
        if (new String(client.exchange(RawClient.get("/" + i, "shop")), StandardCharsets.US_ASCII)
            .startsWith("HTTP/1.1 200")) {
          answered++;
        }
      }
    }
    ShadowStatus whileStalled = offered(proxy, 50);
    stall.countDown();

    assertThat(answered).isEqualTo(50);
    assertThat(whileStalled.mirrored()).isEqualTo(5);
    assertThat(whileStalled.dropped()).isEqualTo(45);
    assertThat(whileStalled.compared()).isZero();
  }

  @Test
  void aStalledCandidateHoldsOnlyItsConnectionsAndFurtherCopiesAreDroppedNotQueued()
      throws Exception {
    ScriptedServer primary = server(ScriptedServer.fixed("{}"));
    ScriptedServer candidate =
        server(
            (request, out) -> {
              await(stall);
              return false;
            });
    ProxySettings settings =
        settings(primary.url(), candidate.url())
            .queueCapacity(100)
            .mirrorSettings(UpstreamSettings.defaults().withMaxConnections(3))
            .build();
    ShadowProxy proxy = start(settings);

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      for (int i = 0; i < 20; i++) {
        assertThat(new String(client.exchange(RawClient.get("/" + i, "shop"))))
            .startsWith("HTTP/1.1 200");
      }
    }
    ShadowStatus whileStalled = offered(proxy, 20);
    stall.countDown();

    // Three copies hold the candidate's three connections; no copy waits in a queue for one.
    assertThat(whileStalled.mirrored()).isEqualTo(3);
    assertThat(whileStalled.dropped()).isEqualTo(17);
    assertThat(whileStalled.droppedBusy()).isEqualTo(17);
  }

  @Test
  void anUnreachableCandidateIsCountedAndEveryClientServed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ShadowProxy proxy =
        proxy(server(ScriptedServer.fixed("{}")).url(), "http://127.0.0.1:" + closedPort);

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      for (int i = 0; i < 10; i++) {
        assertThat(new String(client.exchange(RawClient.get("/" + i, "shop")))).contains(" 200 ");
      }
    }
    assertThat(proxy.awaitMirrors(Duration.ofSeconds(30))).isTrue();

    assertThat(proxy.status().candidateFailed()).isEqualTo(Map.of("connect", 10L));
    assertThat(exchanges).hasSize(10).allMatch(e -> e.candidate() instanceof Outcome.Failed);
  }

  @Test
  void aPrimaryThatResetsGivesThatClientA502AndTheProxyKeepsServing() throws Exception {
    ScriptedServer primary =
        server(
            (request, out) ->
                !request.target().equals("/reset") && ScriptedServer.writeFixed(out, 200, "{}"));
    ShadowProxy proxy = proxy(primary.url(), server(ScriptedServer.fixed("{}")).url(), false);

    String failed;
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      failed = new String(client.exchange(RawClient.get("/reset", "shop")));
    }
    String next;
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      next = new String(client.exchange(RawClient.get("/ok", "shop")));
    }

    assertThat(failed).startsWith("HTTP/1.1 502").contains("reset");
    assertThat(next).startsWith("HTTP/1.1 200");
    assertThat(proxy.status().primaryFailed()).isEqualTo(Map.of("reset", 1L));
  }

  @Test
  void aHeadAnswerKeepsItsContentLengthAndNoBodyFollowsIt() throws Exception {
    ScriptedServer.Script headAware =
        (request, out) -> {
          if (!request.method().equals("HEAD")) {
            return ScriptedServer.writeFixed(out, 200, "{\"id\": \"42\"}");
          }
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          return true;
        };
    ShadowProxy proxy = proxy(server(headAware).url(), server(headAware).url());

    String head;
    String next;
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.send("HEAD /users/42 HTTP/1.1\r\nHost: shop\r\n\r\n");
      head = client.readHead();
      // Had a body followed the HEAD answer, it would be read here as the next response.
      next = new String(client.exchange(RawClient.get("/users/42", "shop")));
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: 12");
    assertThat(next).startsWith("HTTP/1.1 200").endsWith("{\"id\": \"42\"}");
    Exchange headExchange =
        exchanges.stream().filter(e -> e.request().method().equals("HEAD")).findFirst().get();
    assertThat(((Outcome.Answered) headExchange.candidate()).body().length()).isZero();
    assertThat(proxy.status().primaryAnswered()).isEqualTo(2);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderAndEachIsMirrored() throws Exception {
    ScriptedServer.Script echo =
        (request, out) ->
            ScriptedServer.writeFixed(out, 200, "{\"target\":\"" + request.target() + "\"}");
    ScriptedServer candidate = server(echo);
    ShadowProxy proxy = proxy(server(echo).url(), candidate.url(), false);

    List<String> answers = new ArrayList<>();
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.send(
          RawClient.get("/1", "shop") + RawClient.get("/2", "shop") + RawClient.get("/3", "shop"));
      for (int i = 0; i < 3; i++) {
        String response = new String(client.readResponse(), StandardCharsets.UTF_8);
        answers.add(response.substring(response.indexOf("\r\n\r\n") + 4));
      }
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    assertThat(answers)
        .containsExactly("{\"target\":\"/1\"}", "{\"target\":\"/2\"}", "{\"target\":\"/3\"}");
    assertThat(candidate.seen())
        .extracting(ScriptedServer.Seen::target)
        .containsExactlyInAnyOrder("/1", "/2", "/3");
    assertThat(proxy.status().compared()).isEqualTo(3);
  }

  @Test
  void aKeptAlivePrimaryConnectionTheUpstreamClosedIsRetriedAndTheClientAnswered()
      throws Exception {
    ScriptedServer primary = server(ScriptedServer.closingKeptAliveConnections("{}"));
    ShadowProxy proxy = proxy(primary.url(), server(ScriptedServer.fixed("{}")).url(), false);

    List<String> answers = new ArrayList<>();
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      for (int i = 0; i < 3; i++) {
        answers.add(new String(client.exchange(RawClient.get("/" + i, "shop"))));
      }
    }

    assertThat(answers).allMatch(a -> a.startsWith("HTTP/1.1 200"));
    assertThat(proxy.status().primaryFailed()).isEmpty();
  }

  @Test
  void staleConnectionRetriesAreCountedPerUpstream() throws Exception {
    ScriptedServer primary = server(ScriptedServer.closingKeptAliveConnections("{}"));
    ShadowProxy proxy = proxy(primary.url(), server(ScriptedServer.fixed("{}")).url(), false);

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      for (int i = 0; i < 3; i++) {
        client.exchange(RawClient.get("/" + i, "shop"));
      }
    }
    proxy.awaitMirrors(Duration.ofSeconds(10));

    // The second and the third request each met the connection the primary had closed.
    assertThat(proxy.status().staleRetries())
        .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 2L, "candidate", 0L));
  }

  @Test
  void requestsWithUnsafeMethodsAreNotMirroredByDefault() throws Exception {
    ScriptedServer candidate = server(ScriptedServer.fixed("{}"));
    ShadowProxy proxy = proxy(server(ScriptedServer.fixed("{}")).url(), candidate.url());

    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.exchange(post("/orders", "{\"sku\":1}"));
    }

    assertThat(proxy.status().notMirrored()).isEqualTo(Map.of("method", 1L));
    assertThat(candidate.seen()).isEmpty();
  }

  @Test
  void widenedMethodsStillKeepBodiesFromTheCopiesUnlessBodiesAreAllowed() throws Exception {
    ScriptedServer candidate = server(ScriptedServer.fixed("{}"));
    ScriptedServer primary = server(ScriptedServer.fixed("{}"));
    ShadowProxy withoutBodies =
        start(
            settings(primary.url(), candidate.url())
                .policy(new MirrorPolicy(Set.of("GET", "POST"), false))
                .build());
    ShadowProxy withBodies =
        start(
            settings(primary.url(), candidate.url())
                .policy(new MirrorPolicy(Set.of("GET", "POST"), true))
                .build());

    try (RawClient client = new RawClient(withoutBodies.address().getPort())) {
      client.exchange(post("/orders", "{\"sku\":1}"));
    }
    try (RawClient client = new RawClient(withBodies.address().getPort())) {
      client.exchange(post("/orders", "{\"sku\":2}"));
    }
    withBodies.awaitMirrors(Duration.ofSeconds(10));

    assertThat(withoutBodies.status().notMirrored()).isEqualTo(Map.of("body", 1L));
    assertThat(candidate.seen())
        .extracting(ScriptedServer.Seen::body)
        .containsExactly("{\"sku\":2}");
    assertThat(primary.seen())
        .extracting(ScriptedServer.Seen::body)
        .containsExactly("{\"sku\":1}", "{\"sku\":2}");
  }

  @Test
  void theStatusEndpointServesTheCountsAsJson() throws Exception {
    ShadowProxy proxy =
        proxy(server(ScriptedServer.fixed("{}")).url(), server(ScriptedServer.fixed("{}")).url());
    StatusEndpoint endpoint =
        StatusEndpoint.start(new InetSocketAddress("127.0.0.1", 0), proxy::status);
    open.add(endpoint);
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      client.exchange(RawClient.get("/", "shop"));
      client.exchange(RawClient.get("/", "shop"));
    }

    HttpResponse<String> status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(status.body()).contains("\"requests\" : 2").contains("\"primaryAnswered\" : 2");
  }

  /** A chunked answer, "first" then "second", the second written once {@code between} opens. */
  private static ScriptedServer.Script streamedInTwo(CountDownLatch between) {
    return (request, out) -> {
      out.write(
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await(between);
      out.write("6\r\nsecond\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return true;
    };
  }

  private static String post(String target, String body) {
    return "POST "
        + target
        + " HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  private static String body(Outcome outcome) {
    return new String(
        ((Outcome.Answered) outcome).body().content().orElseThrow(), StandardCharsets.UTF_8);
  }

  private HttpResponse<String> httpGet(ShadowProxy proxy, String target) throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + proxy.address().getPort() + target))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private ScriptedServer server(ScriptedServer.Script script) throws Exception {
    ScriptedServer server = new ScriptedServer(script);
    open.add(server);
    return server;
  }

  private ScriptedServer server(ScriptedServer server) {
    open.add(server);
    return server;
  }

  private ProxySettings.Builder settings(String primary, String candidate) {
    return ProxySettings.builder(
        new InetSocketAddress("127.0.0.1", 0),
        UpstreamAddress.parse(primary),
        UpstreamAddress.parse(candidate));
  }

  private ShadowProxy proxy(String primary, String candidate) throws Exception {
    return start(settings(primary, candidate).build());
  }

  private ShadowProxy proxy(String primary, String candidate, boolean primaryTwice)
      throws Exception {
    return start(settings(primary, candidate).primaryTwice(primaryTwice).build());
  }

  private ShadowProxy start(ProxySettings settings) throws Exception {
    ShadowProxy proxy = ShadowProxy.start(settings, exchanges::add, threads);
    open.add(0, proxy);
    return proxy;
  }

  /**
   * The status once {@code requests} copies were offered (mirrored or dropped): a copy is offered
   * just after its client was answered, so a test that reads the status at once could miss one.
   */
  private static ShadowStatus offered(ShadowProxy proxy, int requests) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    ShadowStatus status = proxy.status();
    while (status.mirrored() + status.dropped() < requests && System.nanoTime() < deadline) {
      Thread.sleep(5);
      status = proxy.status();
    }
    return status;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
