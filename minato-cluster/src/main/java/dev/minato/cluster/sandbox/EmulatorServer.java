package dev.minato.cluster.sandbox;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's HTTP server on 127.0.0.1: fabric8's mock request handling (its Vert.x handler,
 * WebSocket upgrades included) for every request but one kind, which is handled in front of it: a
 * watch without a WebSocket upgrade, streamed as an API server streams it ({@link ChunkedWatch}).
 * fabric8's mock server cannot do that itself: its response is one body sent whole, and the handler
 * it listens with is its own; so the emulator listens with its own Vert.x server and hands the rest
 * to the mock's handler.
 */
final class EmulatorServer implements AutoCloseable {

  /** The WebSocket subprotocols of exec and attach, as fabric8's mock server offers them. */
  private static final List<String> SUBPROTOCOLS =
      List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");

  private static final long STOP_SECONDS = 10;

  private final Vertx vertx;
  private final HttpServer server;
  private final AtomicInteger streamed;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmulatorServer(Vertx vertx, HttpServer server, AtomicInteger streamed) {
    this.vertx = vertx;
    this.server = server;
    this.streamed = streamed;
  }

  /** Listens on 127.0.0.1 at {@code port} (0: a free one) and answers with {@code dispatcher}. */
  static EmulatorServer start(int port, EmulatorDispatcher dispatcher) {
    Vertx vertx = Vertx.vertx();
    HttpServerRequestHandler mock =
        new HttpServerRequestHandler(vertx) {
          @Override
          protected MockResponse onHttpRequest(RecordedRequest request) {
            return dispatcher.dispatch(request);
          }
        };
    AtomicInteger streamed = new AtomicInteger();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(InetAddress.getLoopbackAddress().getHostAddress())
            .setPort(port)
            .setWebSocketSubProtocols(SUBPROTOCOLS)
            .setHandle100ContinueAutomatically(true);
    HttpServer server =
        vertx
            .createHttpServer(options)
            .requestHandler(
                request -> {
                  if (isStreamedWatch(request)) {
                    streamWatch(request, dispatcher, streamed);
                  } else {
                    mock.handle(request);
                  }
                });
    try {
      await(server.listen());
    } catch (RuntimeException e) {
      stop(vertx);
      throw e;
    }
    return new EmulatorServer(vertx, server, streamed);
  }

  int port() {
    return server.actualPort();
  }

  /** How many watches were streamed over plain HTTP. */
  int streamed() {
    return streamed.get();
  }

  /** A GET with {@code watch=true} (or {@code 1}) that asks for no WebSocket upgrade. */
  private static boolean isStreamedWatch(HttpServerRequest request) {
    String watch = request.getParam("watch");
    String upgrade = request.getHeader("Upgrade");
    return request.method() == io.vertx.core.http.HttpMethod.GET
        && ("true".equals(watch) || "1".equals(watch))
        && (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket"));
  }

  /**
   * The dispatcher answers every watch it opens as a WebSocket upgrade, so that one definition
   * decides what a watch request gets; without an upgrade asked for, the same watch is streamed
   * over this response instead, and anything else it answers (a refusal, an error) is sent as is.
   */
  private static void streamWatch(
      HttpServerRequest request, EmulatorDispatcher dispatcher, AtomicInteger streamed) {
    RecordedRequest recorded =
        new RecordedRequest(
            "HTTP/1.1",
            HttpMethod.GET,
            request.uri(),
            Headers.builder().addAll(request.headers()).build(),
            new io.fabric8.mockwebserver.http.Buffer());
    MockResponse answer = dispatcher.dispatch(recorded);
    HttpServerResponse response = request.response();
    // The connection of a watch is not reused. fabric8's Vert.x client cancels an HTTP watch's
    // request after its response ended; with the connection back in its pool by then, another
    // request it sent on it failed "Connection was closed" (13 times in 20 runs of 3 watch ends
    // with writes going on; never over WebSocket, never with this header).
    response.putHeader("Connection", "close");
    if (answer.getWebSocketListener() instanceof WebSocketWatch upgrade) {
      streamed.incrementAndGet();
      ChunkedWatch.stream(upgrade.watch(), response);
      return;
    }
    response.setStatusCode(answer.code());
    answer
        .getHeaders()
        .toMultimap()
        .forEach((name, values) -> response.headers().add(name, values));
    io.fabric8.mockwebserver.http.Buffer body = answer.getBody();
    response.end(body == null ? Buffer.buffer() : Buffer.buffer(body.getBytes()));
  }

  /** Stops the server; again is nothing (tests close a restarted emulator twice). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      await(server.close());
    } finally {
      stop(vertx);
    }
  }

  private static void stop(Vertx vertx) {
    try {
      await(vertx.close());
    } catch (RejectedExecutionException stopped) {
      // Vert.x completes its close on an event loop it is stopping; a listener added once that
      // loop has terminated has nowhere to run and is refused. Vert.x is down then.
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the emulator's server started or stopped");
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the emulator's HTTP server failed: " + e.getMessage(), e);
    }
  }
}
