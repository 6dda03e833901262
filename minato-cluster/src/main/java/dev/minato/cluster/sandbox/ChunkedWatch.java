package dev.minato.cluster.sandbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * An emulated watch streamed over plain HTTP, as an API server answers a watch request without a
 * WebSocket upgrade ({@code kubectl get --watch}; fabric8's client after an upgrade failed): {@code
 * 200}, {@code Content-Type: application/json}, chunked, one event per line, each written and
 * flushed as it comes; the response ends when the watch does.
 */
final class ChunkedWatch implements WatchStream {

  private final HttpServerResponse response;

  private ChunkedWatch(HttpServerResponse response) {
    this.response = response;
  }

  /** Answers {@code response} with {@code watch}'s events. Runs on the request's event loop. */
  static void stream(EmulatedWatch watch, HttpServerResponse response) {
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
    // The head goes out now, with no chunk: a client waits for it before reading any event, and a
    // watch may have nothing to send for a long time.
    response.write(Buffer.buffer());
    // Called once the response ended (the server's end) or its connection closed (the client's).
    response.endHandler(ended -> watch.gone(() -> {}));
    response.closeHandler(closed -> watch.gone(() -> {}));
    watch.attach(new ChunkedWatch(response));
  }

  @Override
  public void send(String event) {
    try {
      response.write(event + "\n");
    } catch (IllegalStateException closed) {
      // The client left between this event being owed and written; its close ends the watch.
    }
  }

  @Override
  public void end() {
    try {
      response.end();
    } catch (IllegalStateException closed) {
      // Ended already: the client left first.
    }
  }
}
