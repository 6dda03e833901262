package dev.minato.load.engine;

import dev.minato.load.stats.FailureKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time (no pipelining, like a browser
 * or wrk). All state is touched only on the connection's event loop.
 */
final class Connection extends ChannelInboundHandlerAdapter implements ResponseParser.Listener {

  private final LoopWorker worker;
  private final ResponseParser parser = new ResponseParser(this);
  private Channel channel;

  private boolean busy;
  private int template;
  private long intendedNanos;
  private long sentNanos;
  // Why the connection is going away, when it is not the server's plain close: for the report.
  private FailureKind breakKind;
  private String breakMessage;

  Connection(LoopWorker worker) {
    this.worker = worker;
  }

  void send(int templateIndex, WireRequest request, long intended) {
    busy = true;
    template = templateIndex;
    parser.expectNoBody(request.isHead());
    intendedNanos = intended;
    sentNanos = System.nanoTime();
    channel.writeAndFlush(request.bytes(), channel.voidPromise());
  }

  boolean isBusy() {
    return busy;
  }

  /** The template index of the request in flight (or of the last one). */
  int template() {
    return template;
  }

  /** Why the request in flight was lost, once the connection has closed. */
  FailureKind breakKind() {
    return breakKind == null ? FailureKind.CLOSED : breakKind;
  }

  String breakMessage() {
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

  long intendedNanos() {
    return intendedNanos;
  }

  long sentNanos() {
    return sentNanos;
  }

  /** Gives up on the request in flight (it timed out) and closes the connection. */
  void abandon() {
    busy = false;
    channel.close();
  }

  void close() {
    channel.close();
  }

  // Set when the handler joins the pipeline: the connect listener may run before channelActive.
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!busy) {
      // Bytes nobody asked for: the server and this client disagree on framing.
      ReferenceCountUtil.release(msg);
      broken(FailureKind.PROTOCOL, "bytes arrived while no request was in flight");
      channel.close();
      return;
    }
    try {
      parser.feed((ByteBuf) msg, ctx.alloc());
    } catch (ResponseParser.MalformedResponse e) {
      broken(FailureKind.PROTOCOL, "not an HTTP/1.1 response: " + e.getMessage());
      channel.close();
    }
  }

  @Override
  public void response(int status, boolean keepAlive) {
    if (!busy) {
      broken(FailureKind.PROTOCOL, "a response arrived while no request was in flight");
      channel.close();
      return;
    }
    busy = false;
    worker.responded(this, status, intendedNanos, sentNanos, keepAlive);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // A body that runs until the connection closes is complete now.
    if (busy) {
      parser.closed();
    } else {
      parser.release();
    }
    boolean wasBusy = busy;
    busy = false;
    worker.closed(this, wasBusy);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    JvmErrors.escalateIfFatal(cause);
    broken(FailureCause.kindOf(cause), FailureCause.messageOf(cause));
    ctx.close();
  }
}
