package dev.minato.load.engine;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cleartext HTTP/2 server (h2c, prior knowledge) on 127.0.0.1 with Netty's codec, for tests. It
 * answers 200 "ok" at once, {@code /wait} after 20 ms, {@code /status/NNN} with that status, {@code
 * /grpc} with 200, a body and trailers (as gRPC does), and never answers {@code /slow}. It counts
 * the connections it accepted, the most streams open at once on one connection, and the streams the
 * client reset, so tests can see how requests were multiplexed.
 */
final class H2cServer implements AutoCloseable {

  private final NioEventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel server;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger peakStreams = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();

  /** A server allowing {@code maxConcurrentStreams} streams per connection. */
  H2cServer(long maxConcurrentStreams) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    ch.pipeline()
                        .addLast(
                            Http2FrameCodecBuilder.forServer()
                                .initialSettings(
                                    Http2Settings.defaultSettings()
                                        .maxConcurrentStreams(maxConcurrentStreams))
                                .build(),
                            new Answers());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  int connections() {
    return connections.get();
  }

  int peakStreams() {
    return peakStreams.get();
  }

  int resets() {
    return resets.get();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One connection's streams; runs on its event loop. */
  private final class Answers extends ChannelInboundHandlerAdapter {
    private int open;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2HeadersFrame headers) {
          open++;
          peakStreams.accumulateAndGet(open, Math::max);
          if (headers.isEndStream()) {
            answer(ctx, headers.stream(), headers.headers().path().toString());
          }
        } else if (msg instanceof Http2DataFrame data && data.isEndStream()) {
          answer(ctx, data.stream(), "/");
        } else if (msg instanceof Http2ResetFrame) {
          open--;
          resets.incrementAndGet();
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void answer(ChannelHandlerContext ctx, Http2FrameStream stream, String path) {
      if (path.equals("/slow")) {
        return;
      }
      if (path.equals("/wait")) {
        ctx.executor().schedule(() -> answer(ctx, stream, "/"), 20, TimeUnit.MILLISECONDS);
        return;
      }
      if (path.equals("/grpc")) {
        // As gRPC answers: status, body, then trailers that end the stream.
        open--;
        ctx.write(
            new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")).stream(stream));
        ctx.write(
            new DefaultHttp2DataFrame(Unpooled.copiedBuffer("ok\n", StandardCharsets.US_ASCII))
                .stream(stream));
        ctx.writeAndFlush(
            new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().add("grpc-status", "0"), true)
                .stream(stream));
        return;
      }
      String status = path.startsWith("/status/") ? path.substring("/status/".length()) : "200";
      open--;
      ctx.write(
          new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(status)).stream(stream));
      ctx.writeAndFlush(
          new DefaultHttp2DataFrame(Unpooled.copiedBuffer("ok\n", StandardCharsets.US_ASCII), true)
              .stream(stream));
    }
  }
}
