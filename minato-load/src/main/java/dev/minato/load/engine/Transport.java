package dev.minato.load.engine;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket implementation: Linux's native epoll when its library loads (fewer copies and system
 * calls, precise timers), Java NIO everywhere else.
 */
record Transport(String name, EventLoopGroup group, Class<? extends SocketChannel> channelType) {

  static Transport create(int threads) {
    DefaultThreadFactory threadsNamed = new DefaultThreadFactory("minato-load-io", true);
    if (Epoll.isAvailable()) {
      return new Transport(
          "epoll", new EpollEventLoopGroup(threads, threadsNamed), EpollSocketChannel.class);
    }
    return new Transport(
        "nio", new NioEventLoopGroup(threads, threadsNamed), NioSocketChannel.class);
  }
}
