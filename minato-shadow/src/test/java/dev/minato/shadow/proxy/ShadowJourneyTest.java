package dev.minato.shadow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.compare.ComparingSink;
import dev.minato.shadow.compare.EndpointResult;
import dev.minato.shadow.compare.FieldResult;
import dev.minato.shadow.compare.ShadowResults;
import dev.minato.shadow.route.Endpoint;
import dev.minato.shadow.route.RouteTemplates;
import dev.minato.shadow.rules.ShadowRules;
import dev.minato.shadow.upstream.IoThreads;
import dev.minato.shadow.upstream.ScriptedServer;
import dev.minato.shadow.upstream.UpstreamAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journey the shadow proxy exists for: an old service and its moved copy behind the proxy, the
 * copy with five regressions injected (a changed field, a missing field, a status change, a header
 * change, one endpoint failing), and every response carrying a fresh timestamp and request id. All
 * five are found, each on its endpoint; the timestamps and ids are noise; clients only ever see the
 * old service.
 */
class ShadowJourneyTest {

  private static final List<String> ENDPOINTS =
      List.of("/users/", "/orders/", "/items/", "/prices/", "/reports/", "/ping/");

  private final IoThreads threads = IoThreads.start(1);
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    threads.close();
  }

  @Test
  void fiveInjectedRegressionsAreFoundAndTheNoiseOfBothOldCopiesIsNot() throws Exception {
    ScriptedServer primary = service(false);
    ScriptedServer secondary = service(false);
    ScriptedServer candidate = service(true);
    ComparingSink sink = new ComparingSink(ShadowRules.DEFAULT, new RouteTemplates(50));
    ShadowProxy proxy =
        ShadowProxy.start(
            ProxySettings.builder(
                    new InetSocketAddress("127.0.0.1", 0),
                    UpstreamAddress.parse(primary.url()),
                    UpstreamAddress.parse(candidate.url()))
                .secondary(Optional.of(UpstreamAddress.parse(secondary.url())))
                .build(),
            sink,
            threads);
    open.add(0, proxy);

    List<String> clientSaw = new ArrayList<>();
    try (RawClient client = new RawClient(proxy.address().getPort())) {
      for (int id = 1; id <= 10; id++) {
        for (String endpoint : ENDPOINTS) {
          String response =
              new String(
                  client.exchange(RawClient.get(endpoint + id, "shop.example")),
                  StandardCharsets.UTF_8);
          clientSaw.add(response.substring(0, response.indexOf("\r\n")));
        }
      }
    }
    assertThat(proxy.awaitMirrors(Duration.ofSeconds(30))).isTrue();
    ShadowResults results = sink.results();

    assertThat(clientSaw).hasSize(60).containsOnly("HTTP/1.1 200 OK");
    assertThat(regressions(results, "/users/{id}")).containsExactly("$.name");
    assertThat(regressions(results, "/orders/{id}")).containsExactly("$.total (missing)");
    assertThat(regressions(results, "/items/{id}")).containsExactly("status");
    assertThat(regressions(results, "/prices/{id}")).containsExactly("header cache-control");
    assertThat(regressions(results, "/reports/{id}")).containsExactly("outcome");
    assertThat(regressions(results, "/ping/{id}")).isEmpty();
    assertThat(endpoint(results, "/ping/{id}").noise())
        .extracting(FieldResult::field)
        .containsExactlyInAnyOrder("$.at", "$.requestId");
    assertThat(endpoint(results, "/ping/{id}").differing()).isZero();
    assertThat(results.candidateFailures()).containsEntry("reset", 10L);
  }

  private static List<String> regressions(ShadowResults results, String route) {
    return endpoint(results, route).regressions().stream().map(FieldResult::field).toList();
  }

  private static EndpointResult endpoint(ShadowResults results, String route) {
    return results.endpoints().stream()
        .filter(e -> e.endpoint().equals(new Endpoint("GET", route)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no results for " + route + ": " + results));
  }

  /** The service, old or moved: every JSON answer has a fresh timestamp and request id. */
  private ScriptedServer service(boolean moved) throws IOException {
    ScriptedServer server =
        new ScriptedServer(
            (request, out) -> {
              String target = request.target();
              String id = target.substring(target.lastIndexOf('/') + 1);
              String noise =
                  "\"at\":\""
                      + System.nanoTime()
                      + "\",\"requestId\":\""
                      + UUID.randomUUID()
                      + "\"";
              if (target.startsWith("/users/")) {
                return json(
                    out,
                    200,
                    "{\"id\":"
                        + id
                        + ",\"name\":\""
                        + (moved ? "ANN" : "Ann")
                        + "\","
                        + noise
                        + "}",
                    "");
              }
              if (target.startsWith("/orders/")) {
                return json(
                    out,
                    200,
                    "{\"id\":" + id + (moved ? "" : ",\"total\":12.5") + "," + noise + "}",
                    "");
              }
              if (target.startsWith("/items/")) {
                return json(out, moved ? 500 : 200, "{\"id\":" + id + "," + noise + "}", "");
              }
              if (target.startsWith("/prices/")) {
                return json(
                    out,
                    200,
                    "{\"id\":" + id + "," + noise + "}",
                    "Cache-Control: " + (moved ? "no-store" : "max-age=60") + "\r\n");
              }
              if (target.startsWith("/reports/") && moved) {
                return false; // the moved copy lacks a library: this code path dies
              }
              return json(out, 200, "{\"id\":" + id + "," + noise + "}", "");
            });
    open.add(server);
    return server;
  }

  private static boolean json(OutputStream out, int status, String body, String extraHeaders)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + (status == 200 ? " OK" : " Internal Server Error")
                + "\r\nContent-Type: application/json\r\n"
                + extraHeaders
                + "Content-Length: "
                + bytes.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return true;
  }
}
