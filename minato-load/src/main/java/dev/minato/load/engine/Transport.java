package dev.minato.load.engine;

import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Protocol;
import dev.minato.load.scenario.Scenario;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops of a run and how their links are opened, chosen per run:
 *
 * <ul>
 *   <li>{@code selector}: the closed model over plain-text HTTP/1.1, on the JDK's selector with
 *       links of the engine's own ({@link SelectorLoop}, {@link PlainLink}). It is the run that
 *       measures a server's maximum throughput, where the generator's CPU per request decides, and
 *       a Netty channel's per-read pipeline cost more user-space time than the engine itself.
 *   <li>{@code epoll} (Linux's native epoll, when its library loads) or {@code nio} (Netty's NIO
 *       everywhere else) for the rest: TLS and HTTP/2 need Netty's handlers, and the open model's
 *       pacing needs epoll's sub-millisecond timers, where a selector's timeout is whole
 *       milliseconds. In the closed model the epoll loop polls before it sleeps ({@link
 *       PollingSelectStrategy}), as the selector loop does; the open model's loops sleep at once,
 *       as their pacing waits on timers, not on the server.
 * </ul>
 */
record Transport(String name, EventLoopGroup group, Dialer.Factory dialers) {

  static Transport create(int threads, Scenario scenario) {
    DefaultThreadFactory threadsNamed = new DefaultThreadFactory("minato-load-io", true);
    if (scenario.model() instanceof ArrivalModel.Closed
        && !scenario.secure()
        && scenario.protocol() == Protocol.HTTP_1_1) {
      return new Transport(
          "selector", new SelectorLoopGroup(threads, threadsNamed), PlainLink::dialer);
    }
    if (Epoll.isAvailable()) {
      return new Transport(
          "epoll",
          scenario.model() instanceof ArrivalModel.Closed
              ? new EpollEventLoopGroup(threads, threadsNamed, PollingSelectStrategy.FACTORY)
              : new EpollEventLoopGroup(threads, threadsNamed),
          (worker, target) -> new ChannelDialer(worker, EpollSocketChannel.class, target));
    }
    return new Transport(
        "nio",
        new NioEventLoopGroup(threads, threadsNamed),
        (worker, target) -> new ChannelDialer(worker, NioSocketChannel.class, target));
  }
}
