package dev.minato.edge.lb;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC server over HTTP/2 cleartext (prior knowledge), as a pod behind a NodePort would be:
 * Netty's HTTP/2 codec with two unary methods and hand-encoded protobuf. {@code
 * /grpc.health.v1.Health/Check} behaves as grpc-go's health server: a request that is not one
 * length-prefixed {@code HealthCheckRequest} fails with INTERNAL, an unknown service with
 * NOT_FOUND, and otherwise it answers the status this member is set to. {@link #WHO} answers the
 * member's name (field 1, a string), so a test sees which member served a call. Loopback only.
 */
final class GrpcMember implements AutoCloseable {

  static final String HEALTH = "/grpc.health.v1.Health/Check";
  static final String WHO = "/minato.test.Members/Who";
  static final int SERVING = 1;
  static final int NOT_SERVING = 2;

  private final String name;
  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel channel;
  private final AtomicInteger health = new AtomicInteger(SERVING);
  private final AtomicInteger healthChecks = new AtomicInteger();

  private final java.util.Set<String> services;

  /** A member whose health service knows the server ("") and {@code services}. */
  GrpcMember(String name, String address, int port, String... services)
      throws InterruptedException {
    this.name = name;
    this.services = new java.util.HashSet<>(java.util.List.of(services));
    this.services.add("");
    this.channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new Calls());
                  }
                })
            .bind(new InetSocketAddress(address, port))
            .sync()
            .channel();
  }

  /** What {@code Health/Check} answers from now on: {@link #SERVING} or {@link #NOT_SERVING}. */
  void health(int status) {
    health.set(status);
  }

  /** How many health checks this member has answered. */
  int healthChecks() {
    return healthChecks.get();
  }

  /** Stops the member; closing a stopped member does nothing. */
  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** A gRPC message: the uncompressed flag, the big-endian length, the protobuf bytes. */
  static ByteBuf frame(byte[] message) {
    ByteBuf buf = Unpooled.buffer(5 + message.length);
    buf.writeByte(0).writeInt(message.length).writeBytes(message);
    return buf;
  }

  /** A protobuf message whose field 1 is {@code text} (wire type 2). Short strings only. */
  static byte[] stringField(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[bytes.length + 2];
    message[0] = 0x0a;
    message[1] = (byte) bytes.length;
    System.arraycopy(bytes, 0, message, 2, bytes.length);
    return message;
  }

  /** Answers each stream once its request has ended. */
  private final class Calls extends SimpleChannelInboundHandler<Http2StreamFrame> {

    private final Map<Integer, String> paths = new HashMap<>();
    private final Map<Integer, ByteBuf> bodies = new HashMap<>();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
      Http2FrameStream stream = frame.stream();
      boolean ended = false;
      if (frame instanceof Http2HeadersFrame headers) {
        paths.putIfAbsent(stream.id(), String.valueOf(headers.headers().path()));
        ended = headers.isEndStream();
      } else if (frame instanceof Http2DataFrame data) {
        bodies.computeIfAbsent(stream.id(), id -> Unpooled.buffer()).writeBytes(data.content());
        ended = data.isEndStream();
        if (data.initialFlowControlledBytes() > 0) {
          // Flow control: give the bytes back so long runs never stall.
          ctx.write(
              new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(stream));
        }
      }
      if (ended) {
        ByteBuf body = bodies.remove(stream.id());
        byte[] request = new byte[body == null ? 0 : body.readableBytes()];
        if (body != null) {
          body.readBytes(request);
          body.release();
        }
        answer(ctx, stream, paths.remove(stream.id()), request);
      }
    }

    private void answer(
        ChannelHandlerContext ctx, Http2FrameStream stream, String path, byte[] request) {
      byte[] message;
      if (HEALTH.equals(path)) {
        healthChecks.incrementAndGet();
        java.util.Optional<String> service = service(request);
        if (service.isEmpty()) {
          fail(ctx, stream, 13); // INTERNAL: no well-formed request message
          return;
        }
        if (!services.contains(service.get())) {
          fail(ctx, stream, 5); // NOT_FOUND, as grpc-go answers for an unknown service
          return;
        }
        message = new byte[] {0x08, (byte) health.get()};
      } else if (WHO.equals(path)) {
        message = stringField(name);
      } else {
        fail(ctx, stream, 12); // UNIMPLEMENTED
        return;
      }
      Http2Headers headers =
          new DefaultHttp2Headers().status("200").add("content-type", "application/grpc");
      ctx.write(new DefaultHttp2HeadersFrame(headers).stream(stream));
      ctx.write(new DefaultHttp2DataFrame(frame(message)).stream(stream));
      Http2Headers trailers = new DefaultHttp2Headers().add("grpc-status", "0");
      ctx.writeAndFlush(new DefaultHttp2HeadersFrame(trailers, true).stream(stream));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a health check that hangs up after reading its answer resets the connection
    }

    /** A trailers-only response: the status in the one HEADERS frame. */
    private void fail(ChannelHandlerContext ctx, Http2FrameStream stream, int status) {
      Http2Headers headers =
          new DefaultHttp2Headers()
              .status("200")
              .add("content-type", "application/grpc")
              .add("grpc-status", Integer.toString(status));
      ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true).stream(stream));
    }

    /**
     * The service a {@code HealthCheckRequest} asks about: one uncompressed length-prefixed message
     * holding nothing or field 1 (a short string). Empty when the request is anything else.
     */
    private java.util.Optional<String> service(byte[] request) {
      if (request.length < 5 || request[0] != 0) {
        return java.util.Optional.empty();
      }
      int length = java.nio.ByteBuffer.wrap(request, 1, 4).getInt();
      if (length != request.length - 5) {
        return java.util.Optional.empty();
      }
      if (length == 0) {
        return java.util.Optional.of("");
      }
      if (request[5] != 0x0a || request[6] != length - 2) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new String(request, 7, length - 2, StandardCharsets.UTF_8));
    }
  }
}
