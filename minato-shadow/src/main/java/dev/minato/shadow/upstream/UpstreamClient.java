package dev.minato.shadow.upstream;

import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * An HTTP/1.1 client for one upstream (http or https): a keep-alive connection pool per event loop,
 * bounded in connections and in requests waiting for one, with connect and response timeouts. A
 * request either streams ({@link #open}, the proxy's primary path) or is sent whole and its
 * response collected ({@link #send}, mirrors and replay). Every failure becomes a value with a
 * stable kind, never an exception: an upstream that fails is a result to compare.
 */
public final class UpstreamClient implements AutoCloseable {

  /** Methods whose requests carry a body by definition, so an empty one is sent as length 0. */
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

  private final UpstreamAddress address;
  private final UpstreamSettings settings;
  private final IoThreads threads;
  private final Map<EventExecutor, LoopPool> pools = new IdentityHashMap<>();

  /**
   * The same pools in an array, for finding the caller's own without an iterator: a mirror asks two
   * or three times per copy, and the group's iterators were 3-4 % of the copies' loop's allocation
   * (docs/shadow-performance.md).
   */
  private LoopPool[] poolList = new LoopPool[0];

  private final LongAdder staleRetries = new LongAdder();

  private UpstreamClient(UpstreamAddress address, UpstreamSettings settings, IoThreads threads) {
    this.address = address;
    this.settings = settings;
    this.threads = threads;
  }

  /**
   * A client for {@code address} whose connections live on {@code threads}' event loops.
   *
   * @throws IllegalArgumentException when TLS cannot be set up
   */
  public static UpstreamClient create(
      UpstreamAddress address, UpstreamSettings settings, IoThreads threads) {
    UpstreamClient client = new UpstreamClient(address, settings, threads);
    SslContext tls = address.tls() ? tlsContext(settings) : null;
    long timeoutNanos = settings.responseTimeout().toNanos();
    int connectMillis = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    for (EventExecutor loop : threads.group()) {
      Bootstrap bootstrap =
          new Bootstrap()
              .group((EventLoop) loop)
              .channel(threads.socketType())
              .remoteAddress(address.host(), address.port())
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, connectMillis))
              .option(ChannelOption.TCP_NODELAY, true);
      bootstrap.handler(
          new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              if (tls != null) {
                ch.pipeline().addLast(client.tlsHandler(tls, ch));
              }
              ch.pipeline()
                  .addLast(new HttpClientCodec(4096, 65536, 8192))
                  .addLast(new UpstreamConnection(timeoutNanos));
            }
          });
      client.pools.put(
          loop,
          new LoopPool(
              (EventLoop) loop,
              bootstrap,
              settings.maxConnections(),
              settings.maxWaiting(),
              Math.max(1, timeoutNanos)));
    }
    client.poolList = client.pools.values().toArray(new LoopPool[0]);
    return client;
  }

  public UpstreamAddress address() {
    return address;
  }

  public UpstreamSettings settings() {
    return settings;
  }

  /**
   * Requests sent a second time because the kept-alive connection they were written to had been
   * closed by the upstream while idle (see {@link UpstreamStream}); a count that keeps rising means
   * the upstream's keep-alive timeout is shorter than the time connections sit idle here.
   */
  public long staleRetries() {
    return staleRetries.sum();
  }

  /**
   * Takes a connection on {@code loop} (the caller's loop, so no thread hand-over) and calls {@code
   * ready} with the stream to write the request to; the response goes to {@code listener}. When no
   * connection can be had, only {@code listener.failed} is called.
   */
  public void open(EventLoop loop, ResponseListener listener, Consumer<UpstreamStream> ready) {
    LoopPool pool = pools.getOrDefault(loop, pools.get(threads.group().next()));
    pool.acquire(
        new LoopPool.Acquirer() {
          @Override
          public void acquired(Channel channel) {
            UpstreamConnection connection = channel.pipeline().get(UpstreamConnection.class);
            UpstreamStream stream = new UpstreamStream(channel, pool, listener, staleRetries);
            stream.reused(connection.begin(stream));
            ready.accept(stream);
          }

          @Override
          public void failed(String kind, String detail) {
            listener.failed(kind, detail);
          }
        });
  }

  /**
   * True when a request sent now from the calling event loop would have a connection at once,
   * without waiting behind others: a mirror asks before it sends a copy, so that a stalled copy
   * holds at most its connections, never a growing queue of requests.
   */
  public boolean hasRoom() {
    return pool().hasRoom();
  }

  /**
   * The event loop a request sent now from the calling thread goes out on: the caller's own when it
   * is one of this client's loops, else the next one in turn. Work queued on it sees the pools of
   * every client sharing these loops from their own thread.
   */
  public EventLoop loop() {
    return pool().loop();
  }

  /** The caller's own loop's pool when called on one (no hand-over), else the next loop's. */
  private LoopPool pool() {
    for (LoopPool pool : poolList) {
      if (pool.loop().inEventLoop()) {
        return pool;
      }
    }
    return pools.get(threads.group().next());
  }

  /**
   * Sends a whole request and collects the response, its body kept up to the settings' limit.
   *
   * @throws IllegalArgumentException when the request's body was not kept (only its hash is known)
   */
  public CompletableFuture<Outcome> send(CapturedRequest request) {
    return send(request, Optional.empty());
  }

  /**
   * Sends a whole request as {@link #send(CapturedRequest)} does, the answer compared with {@code
   * likely} as it comes in: a copy's answer is most often the primary's byte for byte, and then its
   * body is not copied but ends as the same bytes (see {@link BodyTee}), and its header fields
   * equal to the primary's are the primary's (see {@link HeaderFields}). The outcome is the same as
   * without it.
   */
  public CompletableFuture<Outcome> send(
      CapturedRequest request, Optional<Outcome.Answered> likely) {
    if (!request.body().comparableByContent()) {
      throw new IllegalArgumentException(
          "a request whose body was only hashed cannot be sent: " + request.target());
    }
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    ResponseCollector collector =
        new ResponseCollector(result, System.nanoTime(), settings.bodyLimit(), likely);
    open(pool().loop(), collector, stream -> stream.write(wire(request)));
    return result;
  }

  private FullHttpRequest wire(CapturedRequest request) {
    byte[] body = request.body().content().orElseThrow();
    FullHttpRequest wire =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(request.method()),
            address.targetFor(request.target()),
            Unpooled.wrappedBuffer(body));
    for (Header header : request.headers()) {
      if (!HopByHop.isHopByHop(header.name())
          && !header.name().equalsIgnoreCase("Content-Length")) {
        wire.headers().add(header.name(), header.value());
      }
    }
    if (!wire.headers().contains(HttpHeaderNames.HOST)) {
      wire.headers().set(HttpHeaderNames.HOST, address.authority());
    }
    if (body.length > 0 || BODY_METHODS.contains(request.method())) {
      wire.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    return wire;
  }

  private SslHandler tlsHandler(SslContext context, Channel channel) {
    SslHandler handler = context.newHandler(channel.alloc(), address.host(), address.port());
    if (!settings.insecure()) {
      SSLEngine engine = handler.engine();
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
    }
    handler.setHandshakeTimeoutMillis(Math.max(1, settings.connectTimeout().toMillis()));
    return handler;
  }

  private static SslContext tlsContext(UpstreamSettings settings) {
    SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
    if (settings.insecure()) {
      builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pools.values().forEach(LoopPool::close);
  }
}
