package dev.minato.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An event loop on the JDK's {@link Selector} that carries the links of its own ({@link PlainLink})
 * and no Netty channels: plain-text HTTP/1.1 in the closed model (see {@link Transport}). A Netty
 * channel's every read passes its pipeline (the handler contexts, the receive allocator's handle,
 * reference counting, a read-complete event), which was about a tenth of the event loop's time
 * against a fast server, more than the engine's own code; here a ready socket calls its link
 * directly, which reads into the loop's one receive buffer and parses it there.
 *
 * <p>It is still a Netty {@link io.netty.channel.EventLoop}: the engine's tasks, timers and
 * promises (execute, schedule, newPromise) work on it unchanged. Its timers wake the selector with
 * a millisecond timeout, coarser than epoll's, which is why the open model, whose pacing needs
 * sub-millisecond timers, stays on Netty's epoll loop.
 *
 * <p>With nothing to do, the loop may poll its selector for up to a few hundred microseconds before
 * it blocks ({@link PollBeforeSleep}): against a saturated server the next response then finds it
 * awake, and the server does not pay for waking it.
 */
final class SelectorLoop extends SingleThreadEventLoop {

  /** Something registered with the loop's selector (the key's attachment). */
  interface Ready {
    /** {@code readyOps} of its key are ready. */
    void ready(int readyOps);

    /** Handling its readiness threw {@code failure} (a bug, not the network): it must close. */
    void handlingFailed(Throwable failure);
  }

  // The loop is not blocked in a select (or is about to leave one): no selector wake-up needed.
  private static final long AWAKE = -1L;
  // Blocked in a select without a timer due.
  private static final long NONE = Long.MAX_VALUE;

  private final Selector selector;
  // When the loop's select ends by itself (its next timer's deadline), AWAKE while it runs.
  private final AtomicLong nextWakeupNanos = new AtomicLong(AWAKE);
  private final Consumer<SelectionKey> dispatch = SelectorLoop::dispatch;
  // The loop's one receive buffer (see LoopReceiveBuffer for why one per loop): its memory as a
  // java.nio buffer to read into, and as a Netty buffer for the response parser, which does not
  // release it.
  private final ByteBuf received;
  private final ByteBuffer receiveBuffer;
  private final ByteBuf receivedView;
  // Whether to poll for a while before sleeping: a saturated server then need not wake the loop.
  private final PollBeforeSleep poll =
      new PollBeforeSleep(PollBeforeSleep.SELECTOR_LOOP_BUDGET_NANOS);

  SelectorLoop(EventLoopGroup parent, Executor executor) {
    super(
        parent,
        executor,
        false,
        PlatformDependent.newMpscQueue(),
        PlatformDependent.newMpscQueue(),
        RejectedExecutionHandlers.reject());
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for the load generator", e);
    }
    this.received = Unpooled.directBuffer(LoopReceiveBuffer.SIZE, LoopReceiveBuffer.SIZE);
    this.receiveBuffer = received.nioBuffer(0, LoopReceiveBuffer.SIZE);
    this.receivedView = Unpooled.unreleasableBuffer(received);
  }

  Selector selector() {
    return selector;
  }

  /** The receive buffer, emptied, to read into; only on this loop, one read at a time. */
  ByteBuffer receiveBuffer() {
    receiveBuffer.clear();
    return receiveBuffer;
  }

  /** The {@code length} bytes just read into {@link #receiveBuffer()}, for the parser. */
  ByteBuf received(int length) {
    return receivedView.setIndex(0, length);
  }

  @Override
  protected void run() {
    for (; ; ) {
      try {
        if (hasTasks()) {
          selector.selectNow(dispatch);
        } else if (!(poll.shouldPoll() && polled())) {
          long deadline = nextScheduledTaskDeadlineNanos();
          nextWakeupNanos.set(deadline == -1L ? NONE : deadline);
          try {
            if (!hasTasks()) {
              long asleep = System.nanoTime();
              select(deadline == -1L ? NONE : deadline);
              poll.slept(System.nanoTime() - asleep);
            }
          } finally {
            nextWakeupNanos.lazySet(AWAKE);
          }
        }
      } catch (IOException e) {
        // The selector itself failed (it does not for sockets' errors, which their links get):
        // nothing to do but try again; the links time out if it keeps failing.
        JvmErrors.escalateIfFatal(e);
      }
      runAllTasks();
      if (isShuttingDown()) {
        closeAll();
        if (confirmShutdown()) {
          return;
        }
      }
    }
  }

  /**
   * Polls the selector until it reports keys, a task arrives or the poll's budget is spent (see
   * {@link PollBeforeSleep}); true if it found something to do. Between polls it yields its CPU to
   * any thread that waits for it. The loop counts as awake meanwhile, so a task submitted from
   * another thread is seen by the poll without a selector wake-up.
   */
  private boolean polled() throws IOException {
    return poll.poll(() -> selector.selectNow(dispatch) > 0 || hasTasks() ? 1 : 0, System::nanoTime)
        > 0;
  }

  private void select(long deadlineNanos) throws IOException {
    if (deadlineNanos == NONE) {
      selector.select(dispatch);
      return;
    }
    // Rounded up to the next millisecond, as Netty's NIO loop does: never wake before a timer.
    long timeoutMillis = deadlineToDelayNanos(deadlineNanos + 995_000L) / 1_000_000L;
    if (timeoutMillis <= 0) {
      selector.selectNow(dispatch);
    } else {
      selector.select(dispatch, timeoutMillis);
    }
  }

  private static void dispatch(SelectionKey key) {
    if (!key.isValid()) {
      // Closed by another link's handling earlier in the same batch.
      return;
    }
    Ready ready = (Ready) key.attachment();
    try {
      ready.ready(key.readyOps());
    } catch (VirtualMachineError e) {
      JvmErrors.escalateIfFatal(e);
      throw e;
    } catch (RuntimeException e) {
      ready.handlingFailed(e);
    }
  }

  /** Closes the sockets still open (links are closed by their workers before the loop ends). */
  private void closeAll() {
    for (SelectionKey key : selector.keys()) {
      try {
        key.channel().close();
      } catch (IOException e) {
        // Closing anyway; nothing is left to report on a loop that is shutting down.
      }
    }
  }

  @Override
  protected void cleanup() {
    try {
      selector.close();
    } catch (IOException e) {
      // The loop is gone either way.
    }
    received.release();
  }

  @Override
  protected void wakeup(boolean inEventLoop) {
    if (!inEventLoop && nextWakeupNanos.getAndSet(AWAKE) != AWAKE) {
      selector.wakeup();
    }
  }

  // A timer due before the select would end by itself must wake it; a later one need not.
  @Override
  protected boolean beforeScheduledTaskSubmitted(long deadlineNanos) {
    return deadlineNanos < nextWakeupNanos.get();
  }

  @Override
  protected boolean afterScheduledTaskSubmitted(long deadlineNanos) {
    return deadlineNanos < nextWakeupNanos.get();
  }

  @Override
  public ChannelFuture register(Channel channel) {
    throw notForChannels();
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    throw notForChannels();
  }

  @Override
  @Deprecated
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    throw notForChannels();
  }

  private static IllegalStateException notForChannels() {
    return new IllegalStateException(
        "the selector loop carries its own plain-text HTTP/1.1 links (PlainLink), not Netty"
            + " channels: register channels on an epoll or NIO event loop");
  }
}
