package dev.minato.cluster.sandbox;

/**
 * Where an open watch's events go: the WebSocket its client upgraded to ({@link WebSocketWatch}) or
 * a chunked HTTP response ({@link ChunkedWatch}). An {@link EmulatedWatch} calls it from the watch
 * cache's one sending thread only, so events leave in the order they were owed whatever the
 * transport.
 */
interface WatchStream {

  /** Sends one watch event, as {@link ObjectChange#event} writes it. */
  void send(String event);

  /** Ends the stream from the server's side, after every event sent before. */
  void end();
}
