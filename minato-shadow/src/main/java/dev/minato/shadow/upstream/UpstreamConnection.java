package dev.minato.shadow.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The end of a pooled upstream connection's pipeline: hands each decoded response part to the
 * stream in flight, and fails it when the upstream stays silent too long, closes early, or sends
 * something that is not HTTP. Informational responses (100 Continue) are passed over. Bytes that
 * arrive when no request is in flight mean the two sides disagree on framing: the connection is
 * closed.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

  private final long timeoutNanos;
  private ChannelHandlerContext context;
  private UpstreamStream current;
  private boolean informational;
  private long lastReadNanos;
  private long uses;
  private ScheduledFuture<?> timer;

  UpstreamConnection(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  /**
   * Starts {@code stream} on this connection.
   *
   * @return true when the connection carried a request before (kept alive in the pool)
   */
  boolean begin(UpstreamStream stream) {
    boolean reused = uses++ > 0;
    current = stream;
    informational = false;
    lastReadNanos = System.nanoTime();
    // One timer per connection, not one per request: it is armed when a request begins and none
    // is pending, and when it fires it only re-arms itself for the silence still allowed. A busy
    // kept-alive connection schedules one task per timeout period instead of one per request
    // (scheduling and cancelling a task per request cost a heap insertion and removal each).
    if (timer == null) {
      timer = context.executor().schedule(this::checkSilence, timeoutNanos, TimeUnit.NANOSECONDS);
    }
    return reused;
  }

  void finish(UpstreamStream stream) {
    if (current == stream) {
      current = null;
    }
  }

  private void checkSilence() {
    timer = null;
    UpstreamStream stream = current;
    if (stream == null || !context.channel().isActive()) {
      return; // idle: the next request arms the timer again
    }
    long silent = System.nanoTime() - lastReadNanos;
    if (silent >= timeoutNanos) {
      stream.fail(
          FailureKind.TIMEOUT,
          "no response within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
    } else {
      timer =
          context
              .executor()
              .schedule(this::checkSilence, timeoutNanos - silent, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    UpstreamStream stream = current;
    if (stream == null) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    lastReadNanos = System.nanoTime();
    if (msg instanceof HttpObject part && part.decoderResult().isFailure()) {
      ReferenceCountUtil.release(msg);
      stream.fail(FailureKind.PROTOCOL, FailureKind.detail(part.decoderResult().cause()));
      return;
    }
    if (msg instanceof HttpResponse head) {
      int code = head.status().code();
      informational = code < 200 && code != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
      if (!informational) {
        stream.head(head);
      }
    }
    if (msg instanceof HttpContent piece) {
      if (informational) {
        piece.release();
        informational = !(piece instanceof LastHttpContent);
      } else if (piece instanceof LastHttpContent last) {
        stream.end(last);
      } else {
        stream.content(piece);
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    UpstreamStream stream = current;
    if (stream != null) {
      stream.fail(
          FailureKind.RESET, "the upstream closed the connection before the response ended");
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    UpstreamStream stream = current;
    if (stream != null) {
      stream.fail(FailureKind.of(cause), FailureKind.detail(cause));
    }
    ctx.close();
  }
}
