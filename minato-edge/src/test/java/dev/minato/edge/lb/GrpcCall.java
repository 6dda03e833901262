package dev.minato.edge.lb;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client over HTTP/2 cleartext with prior knowledge, as {@code grpcurl -plaintext} calls:
 * one connection per call, so a load balancer chooses a member for each. Loopback only.
 */
final class GrpcCall implements AutoCloseable {

  private final EventLoopGroup group = new NioEventLoopGroup(1);

  /** What a call returned: the gRPC status (-1 when none came) and the message's field 1. */
  record Result(int grpcStatus, String text) {}

  /**
   * Calls {@code method} on {@code host:port} with an empty request; a connection or protocol
   * failure is a result with status -1, so a test can count failures.
   */
  Result call(String host, int port, String method) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    Channel connection = null;
    try {
      connection =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(
                              Http2FrameCodecBuilder.forClient().build(),
                              new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                  })
              .connect(host, port)
              .sync()
              .channel();
      Http2StreamChannel stream =
          new Http2StreamChannelBootstrap(connection)
              .handler(new Response(result))
              .open()
              .sync()
              .getNow();
      DefaultHttp2Headers headers = new DefaultHttp2Headers();
      headers.method("POST").scheme("http").path(method).authority(host + ":" + port);
      headers.add("content-type", "application/grpc").add("te", "trailers");
      stream.write(new DefaultHttp2HeadersFrame(headers));
      stream.writeAndFlush(new DefaultHttp2DataFrame(GrpcMember.frame(new byte[0]), true));
      // Generous: a call on loopback takes milliseconds, but a loaded CI machine can hold the
      // load balancer or a member up for seconds, and a timeout here reads as a routing failure.
      return result.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return new Result(-1, e.toString());
    } finally {
      if (connection != null) {
        connection.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Collects the message and the status from headers (trailers-only) or trailers. */
  private static final class Response extends SimpleChannelInboundHandler<Http2StreamFrame> {

    private final CompletableFuture<Result> result;
    private final ByteBuf body = Unpooled.buffer();

    Response(CompletableFuture<Result> result) {
      this.result = result;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
      boolean ended = false;
      int status = -1;
      if (frame instanceof Http2HeadersFrame headers) {
        CharSequence grpcStatus = headers.headers().get("grpc-status");
        status = grpcStatus == null ? -1 : Integer.parseInt(grpcStatus.toString());
        ended = headers.isEndStream();
        CharSequence httpStatus = headers.headers().status();
        if (httpStatus != null && !"200".contentEquals(httpStatus)) {
          result.complete(new Result(-1, "HTTP status " + httpStatus));
        }
      } else if (frame instanceof Http2DataFrame data) {
        body.writeBytes(data.content());
        ended = data.isEndStream();
      }
      if (ended) {
        result.complete(new Result(status, text()));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      result.complete(new Result(-1, cause.toString()));
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      result.complete(new Result(-1, "stream closed before the status"));
    }

    /** Field 1 of the message after the 5-byte gRPC prefix, or empty. */
    private String text() {
      if (body.readableBytes() < 7) {
        return "";
      }
      int length = body.getUnsignedByte(6);
      return body.toString(7, length, StandardCharsets.UTF_8);
    }
  }
}
