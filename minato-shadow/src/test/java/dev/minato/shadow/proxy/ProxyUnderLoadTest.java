package dev.minato.shadow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.upstream.IoThreads;
import dev.minato.shadow.upstream.ScriptedServer;
import dev.minato.shadow.upstream.UpstreamAddress;
import dev.minato.shadow.upstream.UpstreamSettings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients at once, each keeping its connection alive and pipelining requests: every request is
 * answered, in the order it was sent, with its own answer, and every one is mirrored. Bounded: a
 * fixed number of requests on loopback, and a time limit.
 */
class ProxyUnderLoadTest {

  private static final int CLIENTS = 200;
  private static final int ROUNDS = 5;
  private static final int PIPELINED = 5;

  private final IoThreads threads = IoThreads.start(2);
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    threads.close();
  }

  @Test
  // Bounds a hang, not a pace: on a busy machine the copies alone can take minutes.
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void manyKeepAliveClientsPipeliningRequestsEachGetTheirOwnAnswersInOrder() throws Exception {
    ScriptedServer primary = server(echoTarget());
    ScriptedServer candidate = server(echoTarget());
    LongAdder compared = new LongAdder();
    ProxySettings settings =
        ProxySettings.builder(
                new InetSocketAddress("127.0.0.1", 0),
                UpstreamAddress.parse(primary.url()),
                UpstreamAddress.parse(candidate.url()))
            .queueCapacity(CLIENTS * ROUNDS * PIPELINED)
            // The primary's own timeouts are the machine's, not the proxy's: on a loaded machine
            // the test servers' thread-per-connection accept loop has taken over the default 2 s
            // to accept, the proxy then answered 502 and closed, as it should. Ordering is what
            // is under test here, so the primary gets all the time the test has.
            .primarySettings(
                new UpstreamSettings(
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(120),
                    UpstreamSettings.defaults().maxConnections(),
                    CLIENTS * ROUNDS * PIPELINED,
                    UpstreamSettings.defaults().bodyLimit(),
                    false))
            // Enough connections that no copy ever finds them all busy (it would be dropped):
            // this test is about every request being answered in order and mirrored.
            .mirrorSettings(
                UpstreamSettings.defaults().withMaxConnections(CLIENTS * ROUNDS * PIPELINED))
            .build();
    ShadowProxy proxy = ShadowProxy.start(settings, (Exchange e) -> compared.increment(), threads);
    open.add(0, proxy);

    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<List<String>>> results = new ArrayList<>();
    try {
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        results.add(clients.submit(() -> pipeline(proxy.address().getPort(), client)));
      }
      List<String> wrong = new ArrayList<>();
      for (Future<List<String>> result : results) {
        try {
          wrong.addAll(result.get());
        } catch (ExecutionException failed) {
          // The proxy's counts say why a connection closed (a primary failure and its kind).
          throw new AssertionError("a client failed; proxy: " + proxy.status(), failed);
        }
      }
      assertThat(wrong).as("proxy: %s", proxy.status()).isEmpty();
    } finally {
      clients.shutdownNow();
    }
    int total = CLIENTS * ROUNDS * PIPELINED;
    awaitMirrors(proxy);
    ShadowStatus status = proxy.status();
    assertThat(status.requests()).isEqualTo(total);
    assertThat(status.primaryAnswered()).isEqualTo(total);
    assertThat(status.primaryFailed()).isEmpty();
    assertThat(status.mirrored()).isEqualTo(total);
    assertThat(status.compared()).isEqualTo(total);
    assertThat(compared.sum()).isEqualTo(total);
  }

  /**
   * Waits until no copy is in flight. Copies are sent at background priority, so on a busy machine
   * they trail the answers by a long while: this fails only when the copies stop moving for 30 s
   * (stuck, not slow), with the proxy's counts.
   */
  private static void awaitMirrors(ShadowProxy proxy) throws InterruptedException {
    long moved = -1;
    long since = System.nanoTime();
    while (!proxy.awaitMirrors(Duration.ofSeconds(1))) {
      ShadowStatus status = proxy.status();
      long now = status.mirrored() + status.compared() + status.dropped();
      if (now != moved) {
        moved = now;
        since = System.nanoTime();
      } else if (System.nanoTime() - since > Duration.ofSeconds(30).toNanos()) {
        throw new AssertionError("no copy was mirrored or compared for 30 s: " + status);
      }
    }
  }

  /** Sends rounds of pipelined requests on one connection; returns what came back wrong. */
  private static List<String> pipeline(int port, int client) throws Exception {
    List<String> wrong = new ArrayList<>();
    try (RawClient connection = new RawClient(port)) {
      for (int round = 0; round < ROUNDS; round++) {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < PIPELINED; i++) {
          batch.append(RawClient.get(target(client, round, i), "shop.example"));
        }
        connection.send(batch.toString());
        for (int i = 0; i < PIPELINED; i++) {
          String response = new String(connection.readResponse(), StandardCharsets.UTF_8);
          String expected = "{\"target\":\"" + target(client, round, i) + "\"}";
          if (!response.startsWith("HTTP/1.1 200") || !response.endsWith(expected)) {
            wrong.add(target(client, round, i) + " got " + response);
          }
        }
      }
    }
    return wrong;
  }

  private static String target(int client, int round, int i) {
    return "/clients/" + client + "/requests/" + (round * PIPELINED + i);
  }

  private static ScriptedServer.Script echoTarget() {
    return (request, out) ->
        ScriptedServer.writeFixed(out, 200, "{\"target\":\"" + request.target() + "\"}");
  }

  private ScriptedServer server(ScriptedServer.Script script) throws Exception {
    ScriptedServer server = new ScriptedServer(script);
    open.add(server);
    return server;
  }
}
