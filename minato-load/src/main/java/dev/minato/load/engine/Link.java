package dev.minato.load.engine;

import io.netty.util.concurrent.Future;

/**
 * One connection to the target as its event loop uses it: HTTP/1.1 carries one request at a time,
 * HTTP/2 several at once as streams. Every method runs on the connection's event loop.
 */
interface Link {

  /**
   * Completes once the link can carry requests (connected, handshaken, and for HTTP/2 the server's
   * settings read), or fails with why it never will.
   */
  Future<?> established();

  /** Whether one more request may be sent now. */
  boolean hasRoom();

  /**
   * Sends {@code request} (the scenario's request {@code template}, for the per-request report),
   * due at {@code intendedNanos}, only when {@link #hasRoom()}; {@code nowNanos} is a {@link
   * System#nanoTime()} reading the caller has just taken, which the link keeps as the send time
   * instead of reading the clock again.
   */
  void send(int template, WireRequest request, long intendedNanos, long nowNanos);

  /**
   * Ends every request in flight for longer than {@code timeoutNanos} at {@code now}: each is
   * reported to the worker as timed out.
   */
  void expire(long now, long timeoutNanos);

  /** Whether the worker keeps this link in its list of links with room. */
  boolean listed();

  void listed(boolean value);

  void close();
}
