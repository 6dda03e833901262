package dev.minato.shadow.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * A small HTTP endpoint for long runs: any GET answers the run's counts as JSON, so a script or a
 * person can follow a shadow run of days without reading its terminal.
 */
public final class StatusEndpoint implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private StatusEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves {@code status} at {@code address}.
   *
   * @throws IOException when the address cannot be bound
   */
  public static StatusEndpoint start(InetSocketAddress address, Supplier<?> status)
      throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              exchange.getRequestMethod().equals("GET")
                  ? JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status.get())
                  : new byte[0];
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          int code = exchange.getRequestMethod().equals("GET") ? 200 : 405;
          exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return new StatusEndpoint(server);
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
