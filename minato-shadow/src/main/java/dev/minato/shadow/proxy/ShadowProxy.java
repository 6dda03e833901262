package dev.minato.shadow.proxy;

import dev.minato.shadow.exchange.ExchangeSink;
import dev.minato.shadow.upstream.IoThreads;
import dev.minato.shadow.upstream.UpstreamClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shadow proxy: clients are answered by the primary, unchanged and streamed, while eligible
 * requests are mirrored to the candidate (and a secondary) and every complete exchange goes to the
 * sink. Nothing on the mirror side can delay or fail the client's answer: copies go through a
 * bounded queue and are dropped, counted, when it is full.
 */
public final class ShadowProxy implements AutoCloseable {

  private final Channel server;
  private final Mirror mirror;
  private final Comparer comparer;
  private final ShadowCounters counters;
  private final Map<String, UpstreamClient> clients;
  private final IoThreads mirrorThreads;
  private final long startNanos = System.nanoTime();

  private ShadowProxy(
      Channel server,
      Mirror mirror,
      Comparer comparer,
      ShadowCounters counters,
      Map<String, UpstreamClient> clients,
      IoThreads mirrorThreads) {
    this.server = server;
    this.mirror = mirror;
    this.comparer = comparer;
    this.counters = counters;
    this.clients = clients;
    this.mirrorThreads = mirrorThreads;
  }

  /**
   * Starts listening.
   *
   * @throws IOException when the listen address cannot be bound
   */
  public static ShadowProxy start(ProxySettings settings, ExchangeSink sink, IoThreads threads)
      throws IOException {
    // The copies have event loops of their own, as many as the clients', in the idle scheduling
    // class: sending copies and reading their answers then never takes a core from the loops that
    // answer clients, nor from the primary itself when it shares the machine.
    IoThreads mirrorThreads = IoThreads.startBackground(loopCount(threads));
    try {
      return start(settings, sink, threads, mirrorThreads);
    } catch (IOException | RuntimeException e) {
      mirrorThreads.close();
      throw e;
    }
  }

  private static int loopCount(IoThreads threads) {
    int loops = 0;
    for (EventExecutor ignored : threads.group()) {
      loops++;
    }
    return loops;
  }

  private static ShadowProxy start(
      ProxySettings settings, ExchangeSink sink, IoThreads threads, IoThreads mirrorThreads)
      throws IOException {
    // Named as the status names them, in the order the report lists them.
    Map<String, UpstreamClient> clients = new LinkedHashMap<>();
    UpstreamClient primary =
        add(
            clients,
            "primary",
            UpstreamClient.create(settings.primary(), settings.primarySettings(), threads));
    UpstreamClient candidate =
        add(
            clients,
            "candidate",
            UpstreamClient.create(settings.candidate(), settings.mirrorSettings(), mirrorThreads));
    Optional<UpstreamClient> secondary =
        settings
            .secondary()
            .map(
                a ->
                    add(
                        clients,
                        "secondary",
                        UpstreamClient.create(a, settings.mirrorSettings(), mirrorThreads)));
    // The primary asked twice gets its own pool, so copies never take the clients' connections.
    Optional<UpstreamClient> primaryAgain =
        settings.secondary().isEmpty() && settings.primaryTwice()
            ? Optional.of(
                add(
                    clients,
                    "primary-again",
                    UpstreamClient.create(
                        settings.primary(), settings.mirrorSettings(), mirrorThreads)))
            : Optional.empty();
    ShadowCounters counters = new ShadowCounters();
    Comparer comparer = new Comparer();
    Mirror mirror =
        new Mirror(
            candidate, secondary, primaryAgain, sink, comparer, counters, settings.queueCapacity());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(threads.group())
            .channel(threads.serverType())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec(4096, 65536, 8192))
                        .addLast(new HttpServerExpectContinueHandler())
                        .addLast(
                            new ClientConnection(
                                primary,
                                mirror,
                                settings.policy(),
                                counters,
                                settings.bodyLimit()));
                  }
                });
    try {
      Channel server = bootstrap.bind(settings.listen()).sync().channel();
      return new ShadowProxy(server, mirror, comparer, counters, clients, mirrorThreads);
    } catch (Exception e) {
      clients.values().forEach(UpstreamClient::close);
      comparer.close();
      throw new IOException("cannot listen on " + settings.listen() + ": " + e.getMessage(), e);
    }
  }

  private static UpstreamClient add(
      Map<String, UpstreamClient> clients, String name, UpstreamClient client) {
    clients.put(name, client);
    return client;
  }

  /** The address clients connect to (with the port chosen when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** The address as a person writes it: {@code 127.0.0.1:8080}. */
  public String endpoint() {
    return address().getHostString() + ":" + address().getPort();
  }

  /** Client requests received so far: cheaper than {@link #status} for a loop that polls it. */
  public long requests() {
    return counters.requests.sum();
  }

  public ShadowStatus status() {
    Map<String, Long> staleRetries = new LinkedHashMap<>();
    clients.forEach((name, client) -> staleRetries.put(name, client.staleRetries()));
    return counters.snapshot(System.nanoTime() - startNanos, staleRetries);
  }

  /** Stops accepting new connections; connections open stay served. */
  public void stopAccepting() {
    server.close().syncUninterruptibly();
  }

  /**
   * Waits until every mirrored copy has its exchange complete, or {@code limit} passes.
   *
   * @return true when none is left
   */
  public boolean awaitMirrors(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (mirror.inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return mirror.inFlight() == 0;
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    clients.values().forEach(UpstreamClient::close);
    comparer.close();
    mirrorThreads.close();
  }
}
