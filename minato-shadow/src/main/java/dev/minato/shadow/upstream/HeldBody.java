package dev.minato.shadow.upstream;

import dev.minato.shadow.exchange.Body;
import io.netty.buffer.ByteBuf;

/**
 * The primary's answer body kept for the comparison with as little work on the clients' event loop
 * as it can: a body that comes in one piece within the limit (the usual small answer) is held as
 * that piece, retained, not copied, and turned into a {@link Body} later on another thread, by
 * {@link #body()}. A body in several pieces falls back to a {@link BodyTee} (copied up to the
 * limit, hashed beyond it), so at most one piece of the upstream's read buffers is held per answer.
 * Seen on one event loop; then handed over whole (through a concurrent queue) to the thread that
 * calls {@link #body()} or {@link #discard()}, exactly once.
 */
public final class HeldBody {

  private final int limit;
  private ByteBuf held;
  private BodyTee tee;
  private boolean taken;

  public HeldBody(int limit) {
    this.limit = limit;
  }

  /**
   * Sees {@code count} bytes of {@code piece} from {@code from}, without consuming them; call
   * before the piece is written on (the write releases it).
   */
  public void see(ByteBuf piece, int from, int count) {
    if (count == 0) {
      return;
    }
    if (tee == null && held == null && count <= limit) {
      held = piece.retainedSlice(from, count);
      return;
    }
    if (tee == null) {
      tee = new BodyTee(limit);
      if (held != null) {
        tee.see(held);
        held.release();
        held = null;
      }
    }
    tee.see(piece, from, count);
  }

  /** The body, its bytes copied out of a held piece (which is released); call once. */
  public Body body() {
    take();
    if (held != null) {
      try {
        byte[] bytes = new byte[held.readableBytes()];
        held.getBytes(held.readerIndex(), bytes);
        return Body.kept(bytes);
      } finally {
        held.release();
        held = null;
      }
    }
    return tee == null ? Body.EMPTY : tee.body();
  }

  /** Lets a held piece go without making a body of it: the answer is not compared. */
  public void discard() {
    take();
    if (held != null) {
      held.release();
      held = null;
    }
  }

  private void take() {
    if (taken) {
      throw new IllegalStateException("a held body is taken once");
    }
    taken = true;
  }
}
