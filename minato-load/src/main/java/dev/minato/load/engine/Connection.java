package dev.minato.load.engine;

import dev.minato.load.stats.FailureKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time (no pipelining, like a browser
 * or wrk). All state is touched only on the connection's event loop.
 */
final class Connection extends ChannelInboundHandlerAdapter
    implements ResponseParser.Listener, Link {

  private final LoopWorker worker;
  private final ResponseParser parser = new ResponseParser(this);
  private Channel channel;
  private ChannelHandlerContext context;
  // The socket itself, for a plain-text epoll connection: see send.
  private FileDescriptor socket;

  private boolean busy;
  private boolean listed;
  private int template;
  private long intendedNanos;
  private long sentNanos;
  // Why the connection is going away, when it is not the server's plain close: for the report.
  private FailureKind breakKind;
  private String breakMessage;

  // The last request's bytes, written again as they are when the next request is the same one.
  private WireRequest lastRequest;
  private ByteBuf lastBytes;

  Connection(LoopWorker worker) {
    this.worker = worker;
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
  public boolean hasRoom() {
    return !busy;
  }

  @Override
  public boolean listed() {
    return listed;
  }

  @Override
  public void listed(boolean value) {
    listed = value;
  }

  @Override
  public void send(int templateIndex, WireRequest request, long intended) {
    send(templateIndex, request, intended, System.nanoTime());
  }

  @Override
  public void send(int templateIndex, WireRequest request, long intended, long now) {
    busy = true;
    template = templateIndex;
    parser.expectNoBody(request.isHead());
    intendedNanos = intended;
    sentNanos = now;
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
  public void expire(long now, long timeoutNanos) {
    if (busy && now - sentNanos > timeoutNanos) {
      long intended = intendedNanos;
      abandon();
      worker.timedOut(template, intended);
    }
  }

  boolean isBusy() {
    return busy;
  }

  /** Why the request in flight was lost, once the connection has closed. */
  private FailureKind breakKind() {
    return breakKind == null ? FailureKind.CLOSED : breakKind;
  }

  private String breakMessage() {
    return breakMessage == null
        ? "the server closed the connection before the response was complete"
        : breakMessage;
  }

  private void broken(FailureKind kind, String message) {
    if (breakKind == null) {
      breakKind = kind;
      breakMessage = message;
    }
  }

  long intendedNanos() {
    return intendedNanos;
  }

  long sentNanos() {
    return sentNanos;
  }

  /** Gives up on the request in flight (it timed out) and closes the connection. */
  void abandon() {
    busy = false;
    channel.close();
  }

  @Override
  public void close() {
    channel.close();
  }

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
    if (!busy) {
      // Bytes nobody asked for: the server and this client disagree on framing.
      ReferenceCountUtil.release(msg);
      broken(FailureKind.PROTOCOL, "bytes arrived while no request was in flight");
      channel.close();
      return;
    }
    try {
      parser.feed((ByteBuf) msg);
    } catch (ResponseParser.MalformedResponse e) {
      broken(FailureKind.PROTOCOL, "not an HTTP/1.1 response: " + e.getMessage());
      channel.close();
    }
  }

  @Override
  public void response(int status, boolean keepAlive) {
    if (!busy) {
      broken(FailureKind.PROTOCOL, "a response arrived while no request was in flight");
      channel.close();
      return;
    }
    busy = false;
    worker.responded(this, template, status, intendedNanos, sentNanos, keepAlive);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // A body that runs until the connection closes is complete now.
    if (busy) {
      parser.closed();
    } else {
      parser.release();
    }
    boolean wasBusy = busy;
    busy = false;
    worker.closed(this);
    if (wasBusy) {
      worker.lost(template, breakKind(), breakMessage(), intendedNanos);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    JvmErrors.escalateIfFatal(cause);
    broken(FailureCause.kindOf(cause), FailureCause.messageOf(cause));
    ctx.close();
  }
}
