package dev.minato.shadow.upstream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * One request on a pooled upstream connection: the caller writes the request in parts, the listener
 * hears the response. The connection goes back to the pool when the response ends with keep-alive,
 * and is closed on any failure, so a connection is never reused in an unknown state. Touched only
 * on the connection's event loop.
 *
 * <p>A kept-alive connection can be closed by the upstream while it sits idle in the pool (its
 * keep-alive timeout), and the close can cross the next request on the wire. Such a stale
 * connection fails with a reset before any byte of the response; the request never reached the
 * application, so an idempotent request without a body is sent once more on another connection
 * instead of failing (RFC 9110 section 9.2.2). A new connection that resets is a real failure.
 */
public final class UpstreamStream {

  /** Methods a client may repeat on its own (RFC 9110 section 9.2.2). */
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  private final LoopPool pool;
  private final ResponseListener listener;
  private final LongAdder staleRetries;

  /** The connection the request is on; null while a retry waits for another one. */
  private Channel channel;

  private boolean reused;
  private boolean retried;
  private HttpRequest repeatable;
  private boolean keepAlive = true;
  private boolean anyWritten;
  private boolean requestSent;
  private boolean unflushed;
  private boolean paused;
  private boolean responseStarted;
  private boolean done;

  UpstreamStream(
      Channel channel, LoopPool pool, ResponseListener listener, LongAdder staleRetries) {
    this.channel = channel;
    this.pool = pool;
    this.listener = listener;
    this.staleRetries = staleRetries;
  }

  /** Tells the stream whether its connection was kept alive from an earlier request. */
  void reused(boolean kept) {
    reused = kept;
  }

  /**
   * Sends a part of the request (head, content, last content); a write failure fails the stream.
   * The request's end is flushed with everything written before it, so a request read whole (a
   * GET's head and end) goes out in one write; a part before the end waits for {@link #flush} (the
   * proxy flushes when it has taken all a client's read gave it) or for the end.
   */
  public void write(HttpObject part) {
    if (done || channel == null) {
      ReferenceCountUtil.release(part);
      return;
    }
    if (part instanceof HttpRequest head) {
      repeatable = IDEMPOTENT.contains(head.method().name()) ? head : null;
    }
    if (part instanceof HttpContent piece && piece.content().isReadable()) {
      repeatable = null; // a body was consumed by the write: it cannot be sent again
    }
    anyWritten = true;
    boolean last = part instanceof LastHttpContent;
    requestSent |= last;
    Channel on = channel;
    ChannelFutureListener failure =
        future -> {
          if (!future.isSuccess() && on == channel) {
            fail(FailureKind.of(future.cause()), FailureKind.detail(future.cause()));
          }
        };
    if (last) {
      unflushed = false;
      on.writeAndFlush(part).addListener(failure);
    } else {
      unflushed = true;
      on.write(part).addListener(failure);
    }
  }

  /** Sends what was written and not flushed yet, if anything. */
  public void flush() {
    if (unflushed && channel != null) {
      unflushed = false;
      channel.flush();
    }
  }

  /** Stops reading the response, while the side it streams to cannot take more. */
  public void pauseReading() {
    if (channel != null) {
      paused = true;
      channel.config().setAutoRead(false);
    }
  }

  public void resumeReading() {
    if (channel != null) {
      paused = false;
      channel.config().setAutoRead(true);
    }
  }

  /**
   * Gives up on the response (the client went away), tells no one. A connection nothing was written
   * to yet goes back to the pool as it is: closing it would only make the next request open a new
   * one, and when clients time out in numbers that churn is what keeps a busy proxy behind.
   * Otherwise it is closed, as the response still on its way would confuse the next use.
   */
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    if (channel != null) {
      detach();
      if (anyWritten) {
        channel.close();
      }
      pool.release(channel);
    }
  }

  public boolean isDone() {
    return done;
  }

  void head(HttpResponse head) {
    responseStarted = true;
    keepAlive = HttpUtil.isKeepAlive(head);
    listener.head(head);
  }

  void content(HttpContent piece) {
    listener.content(piece);
  }

  void end(LastHttpContent last) {
    done = true;
    detach();
    if (paused) {
      channel.config().setAutoRead(true);
    }
    if (!keepAlive || !requestSent) {
      // An upstream may answer before the request has reached it whole (a 413 during an upload):
      // the rest of the request would still be due on this connection, so it is not reused.
      channel.close();
    }
    pool.release(channel);
    listener.end(last);
  }

  void fail(String kind, String detail) {
    if (done || channel == null) {
      return;
    }
    detach();
    channel.close();
    pool.release(channel);
    if (stale(kind)) {
      retry(kind, detail);
      return;
    }
    done = true;
    listener.failed(kind, detail);
  }

  /** A kept-alive connection the upstream had closed, and a request safe to send again. */
  private boolean stale(String kind) {
    return reused
        && !retried
        && kind.equals(FailureKind.RESET)
        && requestSent
        && !responseStarted
        && repeatable != null;
  }

  private void retry(String kind, String detail) {
    HttpRequest head = repeatable;
    channel = null;
    unflushed = false;
    retried = true; // once: a second reset is the upstream's answer
    staleRetries.increment();
    pool.acquire(
        new LoopPool.Acquirer() {
          @Override
          public void acquired(Channel fresh) {
            if (done) {
              pool.release(fresh); // aborted while waiting: nothing was written to it
              return;
            }
            UpstreamConnection connection = fresh.pipeline().get(UpstreamConnection.class);
            channel = fresh;
            reused = connection.begin(UpstreamStream.this);
            write(
                new DefaultFullHttpRequest(
                    head.protocolVersion(),
                    head.method(),
                    head.uri(),
                    Unpooled.EMPTY_BUFFER,
                    head.headers(),
                    EmptyHttpHeaders.INSTANCE));
          }

          @Override
          public void failed(String failedKind, String failedDetail) {
            if (!done) {
              done = true;
              listener.failed(kind, detail);
            }
          }
        });
  }

  private void detach() {
    UpstreamConnection connection = channel.pipeline().get(UpstreamConnection.class);
    if (connection != null) {
      connection.finish(this);
    }
  }
}
