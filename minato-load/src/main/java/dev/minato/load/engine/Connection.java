package dev.minato.load.engine;

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
  private long intendedNanos;
  private long sentNanos;

  Connection(LoopWorker worker) {
    this.worker = worker;
  }

  void send(WireRequest request, long intended) {
    busy = true;
    parser.expectNoBody(request.isHead());
    intendedNanos = intended;
    sentNanos = System.nanoTime();
    channel.writeAndFlush(request.bytes(), channel.voidPromise());
  }

  boolean isBusy() {
    return busy;
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
      channel.close();
      return;
    }
    try {
      parser.feed((ByteBuf) msg, ctx.alloc());
    } catch (ResponseParser.MalformedResponse e) {
      channel.close();
    }
  }

  @Override
  public void response(int status, boolean keepAlive) {
    if (!busy) {
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
    ctx.close();
  }
}
