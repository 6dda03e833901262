package dev.minato.load.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.Optional;

/**
 * Opens links as Netty channels on an epoll or NIO event loop: HTTP/1.1 ({@link Connection}) or
 * HTTP/2 ({@link H2Connection}), over TLS when the target is https.
 */
final class ChannelDialer implements Dialer {

  /** The link each channel carries, set when the channel is initialised. */
  private static final AttributeKey<Link> LINK = AttributeKey.valueOf("minato.load.link");

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final Target target;
  // Plain-text HTTP/1.1 only: the receive buffer all this loop's connections read into.
  private final Optional<LoopReceiveBuffer> receive;

  ChannelDialer(LoopWorker worker, Class<? extends SocketChannel> channelType, Target target) {
    this.loop = worker.loop();
    this.target = target;
    Optional<TlsClient> tls = target.tls();
    Optional<Integer> http2 = target.http2();
    this.receive =
        tls.isEmpty() && http2.isEmpty() ? Optional.of(new LoopReceiveBuffer()) : Optional.empty();
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, target.connectTimeoutMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    tls.ifPresent(t -> ch.pipeline().addLast(t.handler(ch.alloc())));
                    if (http2.isPresent()) {
                      H2Connection connection =
                          H2Connection.create(
                              worker, http2.get(), tls.isPresent(), target.connectTimeoutNanos());
                      ch.pipeline().addLast(connection);
                      ch.attr(LINK).set(connection);
                    } else {
                      Connection connection = new Connection(worker);
                      ch.pipeline().addLast(connection.handler());
                      ch.attr(LINK).set(connection);
                    }
                  }
                });
    receive.ifPresent(r -> bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, r));
    if (http2.isPresent() && channelType == EpollSocketChannel.class) {
      // Edge-triggered epoll (Netty's default) left HTTP/2 connections stalled: with request
      // bodies larger than the server's window, one run in three to eight of 48 uploads against
      // nghttpd ended with the server's WINDOW_UPDATE unread in the socket until the streams
      // timed out (NghttpdLoadTest); with level-triggered epoll and with NIO, none in 25 runs.
      bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
    }
  }

  @Override
  public Future<Link> dial() {
    Promise<Link> open = loop.newPromise();
    ChannelFuture connect = bootstrap.connect(target.remote());
    connect.addListener(
        JvmErrors.guard(
            f -> {
              if (!connect.isSuccess()) {
                open.setFailure(connect.cause());
                return;
              }
              Channel channel = connect.channel();
              Link link = channel.attr(LINK).get();
              link.established()
                  .addListener(
                      JvmErrors.guard(
                          established -> {
                            if (established.isSuccess()) {
                              open.setSuccess(link);
                            } else {
                              channel.close();
                              open.setFailure(established.cause());
                            }
                          }));
            }));
    return open;
  }

  @Override
  public void release() {
    receive.ifPresent(LoopReceiveBuffer::release);
  }
}
