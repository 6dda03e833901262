package dev.minato.load.engine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time (no pipelining, like a browser
 * or wrk). All state is touched only on the connection's event loop.
 */
final class Connection extends ChannelInboundHandlerAdapter {

  private final LoopWorker worker;
  private Channel channel;

  private boolean busy;
  private boolean head;
  private long intendedNanos;
  private long sentNanos;
  private int status;
  private boolean keepAlive;

  Connection(LoopWorker worker) {
    this.worker = worker;
  }

  /** The response decoder for this connection; it knows a HEAD response has no body. */
  HttpResponseDecoder decoder() {
    return new HttpResponseDecoder(4096, 16384, 65536, false) {
      @Override
      protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        return head || super.isContentAlwaysEmpty(msg);
      }
    };
  }

  void send(WireRequest request, long intended) {
    busy = true;
    head = request.isHead();
    intendedNanos = intended;
    status = 0;
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
    try {
      if (msg instanceof HttpResponse response) {
        if (response.decoderResult().isFailure() || !busy) {
          fail();
          return;
        }
        status = response.status().code();
        keepAlive = HttpUtil.isKeepAlive(response);
      }
      if (msg instanceof LastHttpContent last) {
        if (last.decoderResult().isFailure()) {
          fail();
          return;
        }
        // An interim 1xx answer (100 Continue) is followed by the real one.
        if (busy && (status >= 200 || status == 101)) {
          busy = false;
          worker.responded(this, status, intendedNanos, sentNanos, keepAlive);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void fail() {
    channel.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    boolean wasBusy = busy;
    busy = false;
    worker.closed(this, wasBusy);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
