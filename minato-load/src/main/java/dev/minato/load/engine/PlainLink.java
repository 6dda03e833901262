package dev.minato.load.engine;

import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive plain-text HTTP/1.1 connection on a {@link SelectorLoop}, carrying one request at
 * a time: a non-blocking socket that reads into the loop's receive buffer and writes the request's
 * bytes straight from their direct buffer. The request in flight and its outcome are {@link
 * Http1Link}'s, as on a Netty channel, so both report the same failures. All state is touched only
 * on the loop.
 */
final class PlainLink extends Http1Link implements SelectorLoop.Ready {

  private final SelectorLoop loop;
  private final SocketChannel socket;
  private final Promise<Link> connected;
  private SelectionKey key;
  private ScheduledFuture<?> connectTimeout;
  private boolean open = true;

  // The last request's bytes, written again from the start when the next request is the same.
  private WireRequest lastRequest;
  private ByteBuffer lastBytes;
  // A request the socket took only part of (the rest waits for room), and any sent behind it.
  private ByteBuffer writing;
  private ArrayDeque<ByteBuffer> queued;

  private PlainLink(LoopWorker worker, SelectorLoop loop, SocketChannel socket) {
    super(worker);
    this.loop = loop;
    this.socket = socket;
    this.connected = loop.newPromise();
  }

  /** Opens links on the worker's loop, which must be a {@link SelectorLoop}. */
  static Dialer dialer(LoopWorker worker, Dialer.Target target) {
    SelectorLoop loop = (SelectorLoop) worker.loop();
    return new Dialer() {
      @Override
      public Future<Link> dial() {
        return open(worker, loop, target);
      }

      @Override
      public void release() {
        // The receive buffer is the loop's, freed when the loop ends.
      }
    };
  }

  /**
   * Connects to the target; the future fails with a {@link ConnectTimeoutException} (worded as
   * Netty's) after the connect timeout, or with the socket's own error (refused, unreachable).
   */
  static Future<Link> open(LoopWorker worker, SelectorLoop loop, Dialer.Target target) {
    SocketChannel socket;
    try {
      socket = SocketChannel.open();
    } catch (IOException e) {
      return loop.newFailedFuture(e);
    }
    PlainLink link = new PlainLink(worker, loop, socket);
    link.connect(target);
    return link.connected;
  }

  private void connect(Dialer.Target target) {
    try {
      socket.configureBlocking(false);
      socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (socket.connect(target.remote())) {
        key = socket.register(loop.selector(), SelectionKey.OP_READ, this);
        connected.setSuccess(this);
        return;
      }
      key = socket.register(loop.selector(), SelectionKey.OP_CONNECT, this);
    } catch (IOException e) {
      connectFailed(e);
      return;
    }
    int millis = target.connectTimeoutMillis();
    connectTimeout =
        loop.schedule(
            JvmErrors.guard(
                () ->
                    connectFailed(
                        new ConnectTimeoutException(
                            "connection timed out after " + millis + " ms: " + target.remote()))),
            millis,
            TimeUnit.MILLISECONDS);
  }

  private void finishConnect() {
    try {
      if (!socket.finishConnect()) {
        return;
      }
    } catch (IOException e) {
      connectFailed(e);
      return;
    }
    connectTimeout.cancel(false);
    key.interestOps(SelectionKey.OP_READ);
    connected.setSuccess(this);
  }

  /** The connect failed: the socket is closed; no link ever was, so nothing else is told. */
  private void connectFailed(Throwable cause) {
    if (connected.isDone()) {
      return;
    }
    open = false;
    if (connectTimeout != null) {
      connectTimeout.cancel(false);
    }
    closeSocket();
    connected.setFailure(cause);
  }

  @Override
  public Future<?> established() {
    return connected;
  }

  @Override
  public void ready(int readyOps) {
    if (!connected.isDone()) {
      if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
        finishConnect();
      }
      return;
    }
    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
      flush();
    }
    if (open && (readyOps & SelectionKey.OP_READ) != 0) {
      read();
    }
  }

  @Override
  public void handlingFailed(Throwable failure) {
    if (!connected.isDone()) {
      connectFailed(failure);
    } else {
      failed(failure);
    }
  }

  /**
   * Reads what the socket holds into the loop's buffer and parses it: again while a read fills the
   * buffer, up to as many reads per readiness as Netty's loop makes, before other sockets get a
   * turn (the selector reports the rest again).
   */
  private void read() {
    ByteBuffer buffer = loop.receiveBuffer();
    for (int reads = 0; reads < LoopReceiveBuffer.READS_PER_EVENT && open; reads++) {
      int n;
      try {
        n = socket.read(buffer);
      } catch (IOException e) {
        failed(e);
        return;
      }
      if (n < 0) {
        close();
        return;
      }
      if (n == 0) {
        return;
      }
      received(loop.received(n));
      if (n < buffer.capacity()) {
        return;
      }
      buffer = loop.receiveBuffer();
    }
  }

  @Override
  void write(WireRequest request) {
    if (!open) {
      // Closed a moment ago: its closing, already under way, reports this request as lost.
      return;
    }
    // A view written to its end is written again from the start; a server may answer before it
    // read the whole request, so a view still being written is never reused.
    ByteBuffer bytes = lastBytes;
    if (request == lastRequest && !bytes.hasRemaining()) {
      bytes.rewind();
    } else {
      bytes = request.nioBytes();
      lastRequest = request;
      lastBytes = bytes;
    }
    if (writing != null) {
      if (queued == null) {
        queued = new ArrayDeque<>();
      }
      queued.addLast(bytes);
      return;
    }
    try {
      socket.write(bytes);
    } catch (IOException e) {
      failed(e);
      return;
    }
    if (bytes.hasRemaining()) {
      // The socket's buffer is full: the rest goes when the selector says there is room.
      writing = bytes;
      key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  /** Writes what waits for room, in order; stops asking for room once all is written. */
  private void flush() {
    while (writing != null) {
      try {
        socket.write(writing);
      } catch (IOException e) {
        failed(e);
        return;
      }
      if (writing.hasRemaining()) {
        return;
      }
      writing = queued == null ? null : queued.pollFirst();
    }
    key.interestOps(SelectionKey.OP_READ);
  }

  /**
   * Closes the socket; the link hears of it in a task after this one, as a Netty channel's handler
   * does, so that whatever called close (a response being parsed, a send) finishes first.
   */
  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    closeSocket();
    loop.execute(JvmErrors.guard(this::closed));
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closed either way: the descriptor is released.
    }
  }
}
