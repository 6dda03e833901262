package dev.minato.cli.load;

import dev.minato.cli.Main;
import dev.minato.manifest.certificate.SelfSignedCertificate;
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
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The launcher's training run for {@code minato load}, not a command: the launcher runs this once
 * per build while the JVM lists the classes it loads, and archives them with those of its other
 * training runs (the launcher's {@code train()}). Without it, about 1,100 classes of a load run
 * (Netty, its HTTP/2 codec, HdrHistogram, the engine and reports) were loaded, verified and linked
 * from the jars at every start, inside a cold run's time. It runs the command four times, as a user
 * does, for a second each against servers on 127.0.0.1 started here: HTTP/1.1 with a JSON report,
 * cleartext HTTP/2 with a text one, then the same two over TLS (BoringSSL where it loads, the JDK's
 * TLS elsewhere, as a user's run would): HTTP/1.1 verifying the server's certificate against a CA
 * file, and HTTP/2 by ALPN without verification. The servers' key and self-signed certificate are
 * made in memory; only the certificate is written (as the CA file). Usage: {@code LoadTraining
 * SCRATCH_DIR}; exits 0 when every run passed.
 */
public final class LoadTraining {

  private static final byte[] BODY = "{\"status\":\"ok\"}\n".getBytes(StandardCharsets.US_ASCII);

  /** An HTTP/1.1 server's pipeline and an HTTP/2 server's (by prior knowledge, or after ALPN). */
  private static final Consumer<ChannelPipeline> HTTP1 =
      p -> p.addLast(new HttpServerCodec(), new HttpAnswer());

  private static final Consumer<ChannelPipeline> HTTP2 =
      p -> p.addLast(Http2FrameCodecBuilder.forServer().build(), new H2Answer());

  private LoadTraining() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(Path.of(args[0])));
  }

  /** Runs the four load tests, their reports written into {@code scratch}; 0 when all passed. */
  static int run(Path scratch) throws Exception {
    EventLoopGroup group = new NioEventLoopGroup(1);
    try {
      int http1 = listen(group, HTTP1);
      int h2c = listen(group, HTTP2);
      int failed = 0;
      failed +=
          load(
              "http://127.0.0.1:" + http1 + "/",
              "--concurrency",
              "4",
              "--json",
              "-o",
              scratch.resolve("http1.json").toString());
      failed +=
          load(
              "http://127.0.0.1:" + h2c + "/",
              "--http2",
              "--concurrency",
              "8",
              "--max-connections",
              "2",
              "-o",
              scratch.resolve("h2c.txt").toString());
      failed += overTls(group, scratch);
      return failed == 0 ? 0 : 1;
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** HTTP/1.1 and HTTP/2 over TLS; the number of runs that failed. */
  private static int overTls(EventLoopGroup group, Path scratch) throws Exception {
    SelfSignedCertificate server = SelfSignedCertificate.create("127.0.0.1");
    SslContext https = SslContextBuilder.forServer(server.key(), server.certificate()).build();
    SslContext h2 =
        SslContextBuilder.forServer(server.key(), server.certificate())
            .applicationProtocolConfig(
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2))
            .build();
    int http1 = listen(group, overTls(https, HTTP1));
    int http2 = listen(group, overTls(h2, HTTP2));
    Path ca = Files.writeString(scratch.resolve("ca.pem"), server.certificatePem());
    return load(
            "https://127.0.0.1:" + http1 + "/",
            "--cacert",
            ca.toString(),
            "--concurrency",
            "4",
            "--json",
            "-o",
            scratch.resolve("https.json").toString())
        + load(
            "https://127.0.0.1:" + http2 + "/",
            "--http2",
            "--insecure",
            "--concurrency",
            "8",
            "--max-connections",
            "2",
            "--json",
            "-o",
            scratch.resolve("h2.json").toString());
  }

  /** A server's pipeline behind TLS: the context's handler first, then {@code inside}. */
  private static Consumer<ChannelPipeline> overTls(
      SslContext tls, Consumer<ChannelPipeline> inside) {
    return p -> {
      p.addLast(tls.newHandler(p.channel().alloc()));
      inside.accept(p);
    };
  }

  /** One second of {@code minato load run} on one thread; 0 when it passed, else 1. */
  private static int load(String target, String... options) {
    List<String> args =
        new ArrayList<>(List.of("load", "run", target, "--threads", "1", "--duration", "1s"));
    args.addAll(List.of(options));
    return Main.run(args.toArray(String[]::new)) == 0 ? 0 : 1;
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
