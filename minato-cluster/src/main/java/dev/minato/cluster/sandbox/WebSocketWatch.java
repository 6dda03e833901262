package dev.minato.cluster.sandbox;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * An emulated watch served over the WebSocket its client upgraded to, as fabric8's client asks for
 * watches: one event per text message; the server ends the watch with a normal closure.
 */
final class WebSocketWatch extends WebSocketListener {

  private static final int NORMAL_CLOSURE = 1000;

  private final EmulatedWatch watch;

  WebSocketWatch(EmulatedWatch watch) {
    this.watch = watch;
  }

  /** The watch this upgrade would serve; {@link EmulatorServer} streams it over HTTP instead. */
  EmulatedWatch watch() {
    return watch;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    watch.attach(
        new WatchStream() {
          @Override
          public void send(String event) {
            webSocket.send(event);
          }

          @Override
          public void end() {
            webSocket.close(NORMAL_CLOSURE, "");
          }
        });
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    // The client ends the watch: answer its close, as a server must.
    watch.gone(() -> webSocket.close(code, reason));
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    watch.gone(() -> {});
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
    watch.gone(() -> {});
  }
}
