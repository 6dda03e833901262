package dev.minato.shadow.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A small shop service on 127.0.0.1 whose every JSON answer carries a fresh timestamp and request
 * id (the noise two old copies disagree on). The candidate copy carries five injected regressions:
 * a changed field, a missing field, a status change, a header change and one failing endpoint.
 */
final class TestService implements AutoCloseable {

  private final HttpServer server;
  private final boolean candidate;

  private TestService(boolean candidate) throws IOException {
    this.candidate = candidate;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  static TestService old() throws IOException {
    return new TestService(false);
  }

  static TestService regressed() throws IOException {
    return new TestService(true);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    String noise =
        "\"generatedAt\":\""
            + java.time.Instant.now()
            + System.nanoTime()
            + "\",\"requestId\":\""
            + UUID.randomUUID()
            + "\"";
    String[] parts = path.split("/");
    if (path.startsWith("/users/")) {
      String name = candidate ? "USER " + parts[2] : "user " + parts[2];
      json(exchange, 200, "{\"id\":" + parts[2] + ",\"name\":\"" + name + "\"," + noise + "}");
    } else if (path.startsWith("/orders/")) {
      String currency = candidate ? "" : ",\"currency\":\"EUR\"";
      json(exchange, 200, "{\"id\":" + parts[2] + ",\"total\":10" + currency + "," + noise + "}");
    } else if (path.startsWith("/items/")) {
      json(exchange, candidate ? 404 : 200, "{\"id\":" + parts[2] + "," + noise + "}");
    } else if (path.equals("/page")) {
      exchange.getResponseHeaders().add("Cache-Control", candidate ? "no-store" : "max-age=60");
      send(exchange, 200, "text/html", "<html><body>hello</body></html>\n");
    } else if (path.equals("/search")) {
      if (candidate) {
        json(exchange, 500, "{\"error\":\"NoClassDefFoundError\"}");
      } else {
        json(exchange, 200, "{\"hits\":[1,2,3]," + noise + "}");
      }
    } else {
      json(exchange, 200, "{\"ok\":true," + noise + "}");
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
