package dev.minato.load.engine;

import dev.minato.load.stats.FailureKind;
import io.netty.buffer.ByteBuf;

/**
 * One keep-alive HTTP/1.1 link carrying one request at a time (no pipelining, like a browser or
 * wrk): the request in flight and what becomes of it, its response parsed or the reason it was lost
 * (the server closed, reset, sent bytes nobody asked for, or it timed out). One definition for both
 * kinds of link, on a Netty channel ({@link Connection}: TLS and the open model) and on the
 * selector loop ({@link PlainLink}), so that both report the same failure kinds and messages; they
 * differ in how bytes move only. Every method runs on the link's event loop.
 */
abstract class Http1Link implements Link, ResponseParser.Listener {

  private final LoopWorker worker;
  private final ResponseParser parser = new ResponseParser(this);
  private boolean listed;

  private boolean busy;
  private int template;
  private long intendedNanos;
  private long sentNanos;
  // Why the connection is going away, when it is not the server's plain close: for the report.
  private FailureKind breakKind;
  private String breakMessage;

  /** {@link #close()} must lead to {@link #closed()} once the connection is closed. */
  Http1Link(LoopWorker worker) {
    this.worker = worker;
  }

  @Override
  public boolean hasRoom() {
    return !busy;
  }

  @Override
  public boolean listed() {
    return listed;
  }

  @Override
  public void listed(boolean value) {
    listed = value;
  }

  @Override
  public void send(int template, WireRequest request, long intendedNanos, long nowNanos) {
    start(template, request, intendedNanos, nowNanos);
    write(request);
  }

  /** Writes {@code request}'s bytes, whole and after any still being written. */
  abstract void write(WireRequest request);

  /** A request of {@code templateIndex} goes out now ({@code now}), due at {@code intended}. */
  private void start(int templateIndex, WireRequest request, long intended, long now) {
    busy = true;
    template = templateIndex;
    parser.expectNoBody(request.isHead());
    intendedNanos = intended;
    sentNanos = now;
  }

  @Override
  public void expire(long now, long timeoutNanos) {
    if (busy && now - sentNanos > timeoutNanos) {
      long intended = intendedNanos;
      busy = false;
      close();
      worker.timedOut(template, intended);
    }
  }

  /** Bytes arrived on the link; releases {@code in}. */
  final void received(ByteBuf in) {
    if (!busy) {
      // Bytes nobody asked for: the server and this client disagree on framing.
      in.release();
      broken(FailureKind.PROTOCOL, "bytes arrived while no request was in flight");
      close();
      return;
    }
    try {
      parser.feed(in);
    } catch (ResponseParser.MalformedResponse e) {
      broken(FailureKind.PROTOCOL, "not an HTTP/1.1 response: " + e.getMessage());
      close();
    }
  }

  @Override
  public void response(int status, boolean keepAlive) {
    if (!busy) {
      broken(FailureKind.PROTOCOL, "a response arrived while no request was in flight");
      close();
      return;
    }
    busy = false;
    worker.responded(this, template, status, intendedNanos, sentNanos, keepAlive);
  }

  /** The link failed with {@code cause} (reset, a write error); it is closed. */
  final void failed(Throwable cause) {
    JvmErrors.escalateIfFatal(cause);
    broken(FailureCause.kindOf(cause), FailureCause.messageOf(cause));
    close();
  }

  /** The link is closed: the request in flight, if any, is lost (or its body ends here). */
  final void closed() {
    // A body that runs until the connection closes is complete now.
    if (busy) {
      parser.closed();
    } else {
      parser.release();
    }
    boolean wasBusy = busy;
    busy = false;
    worker.closed(this);
    if (wasBusy) {
      worker.lost(template, breakKind(), breakMessage(), intendedNanos);
    }
  }

  /** Why the request in flight was lost, once the connection has closed. */
  private FailureKind breakKind() {
    return breakKind == null ? FailureKind.CLOSED : breakKind;
  }

  private String breakMessage() {
    return breakMessage == null
        ? "the server closed the connection before the response was complete"
        : breakMessage;
  }

  private void broken(FailureKind kind, String message) {
    if (breakKind == null) {
      breakKind = kind;
      breakMessage = message;
    }
  }
}
