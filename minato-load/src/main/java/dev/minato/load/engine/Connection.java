package dev.minato.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.io.IOException;

/**
 * An HTTP/1.1 link on a Netty channel (TLS, and the open model: see {@link Transport}); its {@link
 * #handler()} joins the channel's pipeline. All state is touched only on the connection's event
 * loop.
 */
final class Connection extends Http1Link {

  private final Handler handler = new Handler();
  private Channel channel;
  private ChannelHandlerContext context;
  // The socket itself, for a plain-text epoll connection: see write.
  private FileDescriptor socket;

  // The last request's bytes, written again as they are when the next request is the same one.
  private WireRequest lastRequest;
  private ByteBuf lastBytes;

  Connection(LoopWorker worker) {
    super(worker);
  }

  /** What goes into the channel's pipeline, last. */
  ChannelInboundHandlerAdapter handler() {
    return handler;
  }

  @Override
  public Future<?> established() {
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    if (tls == null) {
      return channel.newSucceededFuture();
    }
    return tls.handshakeFuture();
  }

  @Override
  void write(WireRequest request) {
    if (socket != null && writeDirect(request)) {
      return;
    }
    // A response came, so the previous write is done (its view is read to the end) and the view
    // can be rewound instead of allocating another; a server may answer before it read the whole
    // request, so a view still being written is never reused.
    ByteBuf bytes = lastBytes;
    if (request == lastRequest && !bytes.isReadable()) {
      bytes.readerIndex(0);
    } else {
      bytes = request.bytes();
      lastRequest = request;
      lastBytes = bytes;
    }
    // From this handler's context: outbound handlers before it (TLS) still see the bytes, and the
    // write skips the pipeline's tail.
    context.writeAndFlush(bytes, channel.voidPromise());
  }

  /**
   * Writes the request's bytes straight to the socket, as wrk does, when nothing else is queued to
   * be written on it: one system call, where a write through the pipeline also walks its contexts,
   * queues an entry in the outbound buffer (taken from and given back to a pool), tracks pending
   * bytes and flushes. On one core the pipeline's share was about a fifth of the generator's own
   * (user-space) time per request. Returns false when the bytes must go through the pipeline: a
   * write still pending, a partial write (its rest is queued there), or an error (the pipeline's
   * write meets it again and closes the connection as it would have).
   */
  private boolean writeDirect(WireRequest request) {
    ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
    if (queued == null || !queued.isEmpty() || request.memoryAddress() == 0) {
      return false;
    }
    int length = request.length();
    int written;
    try {
      written = socket.writeAddress(request.memoryAddress(), 0, length);
    } catch (IOException e) {
      return false;
    }
    if (written == length) {
      return true;
    }
    // The socket's buffer took only part of it: the rest goes the usual way, which waits for room.
    ByteBuf rest = request.bytes();
    rest.readerIndex(written);
    lastRequest = null;
    context.writeAndFlush(rest, channel.voidPromise());
    return true;
  }

  @Override
  public void close() {
    channel.close();
  }

  private final class Handler extends ChannelInboundHandlerAdapter {

    // Set when the handler joins the pipeline: the connect listener may run before channelActive.
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      channel = ctx.channel();
      context = ctx;
      // Only without TLS (added ahead of this handler), whose bytes must be encrypted first.
      if (channel instanceof EpollSocketChannel epoll
          && ctx.pipeline().get(SslHandler.class) == null) {
        socket = epoll.fd();
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      received((ByteBuf) msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failed(cause);
    }
  }
}
