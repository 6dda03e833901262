package dev.minato.shadow.upstream;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The event loops every socket of a shadow run lives on, listening and upstream alike, so a
 * client's connection and the primary connection serving it can share one thread. Linux's native
 * epoll when its library loads, Java NIO elsewhere.
 */
public final class IoThreads implements AutoCloseable {

  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> socketType;
  private final Class<? extends ServerSocketChannel> serverType;

  private IoThreads(
      EventLoopGroup group,
      Class<? extends SocketChannel> socketType,
      Class<? extends ServerSocketChannel> serverType) {
    this.group = group;
    this.socketType = socketType;
    this.serverType = serverType;
  }

  /** Starts {@code threads} daemon event loops. */
  public static IoThreads start(int threads) {
    return start(threads, "minato-shadow-io");
  }

  /**
   * Starts {@code threads} daemon event loops for work no client waits for (the mirror's copies),
   * each in the idle scheduling class when the system allows it (see {@link BackgroundPriority}).
   */
  public static IoThreads startBackground(int threads) {
    IoThreads started = start(threads, "shadow-mirror");
    for (EventExecutor loop : started.group) {
      loop.submit(BackgroundPriority::lowerCurrentThread).syncUninterruptibly();
    }
    return started;
  }

  private static IoThreads start(int threads, String name) {
    DefaultThreadFactory named = new DefaultThreadFactory(name, true);
    if (Epoll.isAvailable()) {
      return new IoThreads(
          new EpollEventLoopGroup(threads, named),
          EpollSocketChannel.class,
          EpollServerSocketChannel.class);
    }
    return new IoThreads(
        new NioEventLoopGroup(threads, named),
        NioSocketChannel.class,
        NioServerSocketChannel.class);
  }

  public EventLoopGroup group() {
    return group;
  }

  public Class<? extends SocketChannel> socketType() {
    return socketType;
  }

  public Class<? extends ServerSocketChannel> serverType() {
    return serverType;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
