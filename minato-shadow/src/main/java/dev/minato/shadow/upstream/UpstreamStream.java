package dev.minato.shadow.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One request on a pooled upstream connection: the caller writes the request in parts, the listener
 * hears the response. The connection goes back to the pool when the response ends with keep-alive,
 * and is closed on any failure, so a connection is never reused in an unknown state. Touched only
 * on the connection's event loop.
 */
public final class UpstreamStream {

  private final Channel channel;
  private final ChannelPool pool;
  private final ResponseListener listener;
  private boolean keepAlive = true;
  private boolean done;

  UpstreamStream(Channel channel, ChannelPool pool, ResponseListener listener) {
    this.channel = channel;
    this.pool = pool;
    this.listener = listener;
  }

  /**
   * Sends a part of the request (head, content, last content); a write failure fails the stream.
   */
  public void write(HttpObject part) {
    if (done) {
      ReferenceCountUtil.release(part);
      return;
    }
    channel
        .writeAndFlush(part)
        .addListener(
            (ChannelFutureListener)
                future -> {
                  if (!future.isSuccess()) {
                    fail(FailureKind.of(future.cause()), FailureKind.detail(future.cause()));
                  }
                });
  }

  /** Stops reading the response, while the side it streams to cannot take more. */
  public void pauseReading() {
    channel.config().setAutoRead(false);
  }

  public void resumeReading() {
    channel.config().setAutoRead(true);
  }

  /** Gives up on the response (the client went away): closes the connection, tells no one. */
  public void abort() {
    if (!done) {
      done = true;
      detach();
      channel.close();
      pool.release(channel);
    }
  }

  public boolean isDone() {
    return done;
  }

  void head(HttpResponse head) {
    keepAlive = HttpUtil.isKeepAlive(head);
    listener.head(head);
  }

  void content(HttpContent piece) {
    listener.content(piece);
  }

  void end(LastHttpContent last) {
    done = true;
    detach();
    channel.config().setAutoRead(true);
    if (!keepAlive) {
      channel.close();
    }
    pool.release(channel);
    listener.end(last);
  }

  void fail(String kind, String detail) {
    if (done) {
      return;
    }
    done = true;
    detach();
    channel.close();
    pool.release(channel);
    listener.failed(kind, detail);
  }

  private void detach() {
    UpstreamConnection connection = channel.pipeline().get(UpstreamConnection.class);
    if (connection != null) {
      connection.finish(this);
    }
  }
}
