package dev.minato.cli.load;

import dev.minato.cli.Main;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The launcher's training run for {@code minato load}, not a command: the launcher runs this once
 * per build while the JVM lists the classes it loads, and archives them with those of its other
 * training runs (the launcher's {@code train()}). Without it, about 1,100 classes of a load run
 * (Netty, its HTTP/2 codec, HdrHistogram, the engine and reports) were loaded, verified and linked
 * from the jars at every start, inside a cold run's time. It runs the command twice, as a user
 * does, for a second each against a server on 127.0.0.1 started here: HTTP/1.1 with a JSON report,
 * then cleartext HTTP/2 with a text one. Usage: {@code LoadTraining SCRATCH_DIR}; exits 0 when both
 * runs passed.
 */
public final class LoadTraining {

  private static final byte[] BODY = "{\"status\":\"ok\"}\n".getBytes(StandardCharsets.US_ASCII);

  private LoadTraining() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(Path.of(args[0])));
  }

  /** Runs both load tests, their reports written into {@code scratch}; 0 when both passed. */
  static int run(Path scratch) throws InterruptedException {
    EventLoopGroup group = new NioEventLoopGroup(1);
    try {
      int http1 = listen(group, p -> p.addLast(new HttpServerCodec(), new HttpAnswer()));
      int h2c =
          listen(group, p -> p.addLast(Http2FrameCodecBuilder.forServer().build(), new H2Answer()));
      int first =
          Main.run(
              "load",
              "run",
              "http://127.0.0.1:" + http1 + "/",
              "--threads",
              "1",
              "--concurrency",
              "4",
              "--duration",
              "1s",
              "--json",
              "-o",
              scratch.resolve("http1.json").toString());
      int second =
          Main.run(
              "load",
              "run",
              "http://127.0.0.1:" + h2c + "/",
              "--http2",
              "--threads",
              "1",
              "--concurrency",
              "8",
              "--max-connections",
              "2",
              "--duration",
              "1s",
              "-o",
              scratch.resolve("h2c.txt").toString());
      return first == 0 && second == 0 ? 0 : 1;
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** Listens on a free port of 127.0.0.1, each connection's pipeline set up by {@code handlers}. */
  private static int listen(EventLoopGroup group, Consumer<ChannelPipeline> handlers)
      throws InterruptedException {
    Channel server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    handlers.accept(ch.pipeline());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Answers each HTTP/1.1 request, once it has been read whole, with a small JSON body. */
  private static final class HttpAnswer extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      boolean last = msg instanceof LastHttpContent;
      ReferenceCountUtil.release(msg);
      if (last) {
        FullHttpResponse response =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(BODY));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
        ctx.writeAndFlush(response);
      }
    }
  }

  /** Answers each HTTP/2 request stream, once its headers ended it, with a small JSON body. */
  private static final class H2Answer extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2HeadersFrame request && request.isEndStream()) {
        DefaultHttp2Headers headers = new DefaultHttp2Headers();
        headers.status(HttpResponseStatus.OK.codeAsText()).setInt("content-length", BODY.length);
        ctx.write(new DefaultHttp2HeadersFrame(headers).stream(request.stream()));
        ctx.writeAndFlush(
            new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(BODY), true).stream(request.stream()));
      } else {
        ReferenceCountUtil.release(msg);
      }
    }
  }
}
