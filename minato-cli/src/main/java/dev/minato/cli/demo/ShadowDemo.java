package dev.minato.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.minato.cli.ExitCodes;
import dev.minato.shadow.compare.ComparingSink;
import dev.minato.shadow.proxy.ProxyNotes;
import dev.minato.shadow.proxy.ProxySettings;
import dev.minato.shadow.proxy.ShadowProxy;
import dev.minato.shadow.report.TextReport;
import dev.minato.shadow.route.RouteTemplates;
import dev.minato.shadow.rules.ShadowRules;
import dev.minato.shadow.upstream.IoThreads;
import dev.minato.shadow.upstream.UpstreamAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The shadow part of {@code minato demo}: an old and a moved copy of a small orders service on
 * 127.0.0.1, the moved one writing an order's total as text. A few requests go through {@code
 * minato shadow}'s proxy: clients are answered by the old copy, the moved copy's answers are
 * compared, and the one real difference is found while the request ids both copies invent are
 * recognised as noise.
 */
final class ShadowDemo {

  private static final int REQUESTS = 6;

  private ShadowDemo() {}

  /** Runs the demo, printing to {@code out}; returns 0, or 3 on a local error. */
  static int run(PrintWriter out) {
    List<HttpServer> servers = List.of();
    try (IoThreads threads = IoThreads.start(1)) {
      HttpServer old = server(false);
      HttpServer moved = server(true);
      servers = List.of(old, moved);
      ComparingSink sink =
          new ComparingSink(ShadowRules.DEFAULT, new RouteTemplates(RouteTemplates.DEFAULT_LIMIT));
      ShadowProxy proxy =
          ShadowProxy.start(
              ProxySettings.builder(
                      new InetSocketAddress("127.0.0.1", 0), address(old), address(moved))
                  .build(),
              sink,
              threads);
      try (proxy) {
        out.printf(
            "shadow demo: proxy on %s, primary %s (old), candidate %s (moved)%n",
            proxy.endpoint(), address(old), address(moved));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int id = 1; id <= REQUESTS; id++) {
          HttpResponse<String> answer =
              client.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + proxy.address().getPort() + "/orders/" + id))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (id == 1) {
            out.println("shadow demo: the client got the old copy's answer: " + answer.body());
          }
        }
        proxy.awaitMirrors(Duration.ofSeconds(10));
        out.print(
            TextReport.render(sink.results(), ProxyNotes.of(proxy.status()), Optional.empty()));
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      out.println("shadow demo: " + e.getMessage());
      return ExitCodes.ENVIRONMENT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("shadow demo: interrupted");
      return ExitCodes.ENVIRONMENT;
    } finally {
      servers.forEach(server -> server.stop(0));
    }
  }

  private static UpstreamAddress address(HttpServer server) {
    return UpstreamAddress.parse("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static HttpServer server(boolean moved) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", exchange -> answer(exchange, moved));
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange, boolean moved) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String id = path.substring(path.lastIndexOf('/') + 1);
    String total = moved ? "\"12.50\"" : "12.5";
    byte[] body =
        ("{\"id\":" + id + ",\"total\":" + total + ",\"requestId\":\"" + UUID.randomUUID() + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(body);
    }
  }
}
