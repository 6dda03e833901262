package dev.minato.load.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP/1.1 server on 127.0.0.1 for engine tests. One thread answers, so when it is told to
 * stall, every request behind the stalled one waits too, as behind a stuck server in production.
 * {@code /status/503} answers with that status, {@code /bytes/N} with a body of N bytes; everything
 * else with 200, or with 503 while {@link #failFirst} says so.
 */
final class StallingServer implements AutoCloseable {

  private static final byte[] OK = "ok\n".getBytes(StandardCharsets.UTF_8);

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK (40 ms on Linux) and every answer takes that long.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final AtomicInteger handled = new AtomicInteger();
  private final AtomicLong stallAtRequest = new AtomicLong(-1);
  private volatile Duration stall = Duration.ZERO;
  private volatile int failFirst;
  // The client ends of the connections requests came on: one per connection the client opened.
  private final Set<SocketAddress> clients = ConcurrentHashMap.newKeySet();

  StallingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.createContext("/", this::answer);
    server.setExecutor(thread);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The request numbered {@code request} (1-based) will be held for {@code duration}. */
  void stallAt(int request, Duration duration) {
    stall = duration;
    stallAtRequest.set(request);
  }

  /** The first {@code requests} requests are answered with 503, whatever their path. */
  void failFirst(int requests) {
    failFirst = requests;
  }

  int handled() {
    return handled.get();
  }

  /** How many connections requests have come on so far. */
  int connections() {
    return clients.size();
  }

  private void answer(HttpExchange exchange) throws IOException {
    int n = handled.incrementAndGet();
    clients.add(exchange.getRemoteAddress());
    if (n == stallAtRequest.get()) {
      try {
        Thread.sleep(stall.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String path = exchange.getRequestURI().getPath();
    int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
    if (n <= failFirst) {
      status = 503;
    }
    byte[] answer = OK;
    if (path.startsWith("/bytes/")) {
      answer = new byte[Integer.parseInt(path.substring(7))];
      java.util.Arrays.fill(answer, (byte) 'x');
    }
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(status, answer.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
