package dev.minato.shadow.upstream;

import dev.minato.shadow.exchange.Body;
import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Watches a body go by in pieces: keeps the bytes while they fit the limit and, only once the body
 * outgrows it, hashes all of it instead, so a streamed body is never held whole and large ones are
 * compared by hash. A body within the limit costs one copy of its bytes on the event loop and no
 * hashing (its hash, when a report needs one, is computed from the kept bytes later, elsewhere).
 *
 * <p>A tee may be given the body the answer is likely to equal (a copy's answer is most often the
 * primary's, byte for byte): while the bytes seen match it, they are compared, not copied, and a
 * body equal to it ends as that same array, so an equal answer costs no array of its own. At the
 * first byte that differs, the matched part is copied out of the expected body and the tee goes on
 * as without one: the body it ends with has the same bytes, length and hash either way.
 *
 * <p>Not thread-safe: one body, one event loop.
 */
public final class BodyTee {

  private static final byte[] NONE = new byte[0];

  private final int limit;

  /** The body the bytes are compared with while they match it; null once one differed. */
  private byte[] expected;

  private byte[] kept = NONE;
  private int keptLength;
  private MessageDigest digest;
  private long length;

  public BodyTee(int limit) {
    this.limit = limit;
  }

  /**
   * A tee that compares the bytes with {@code likely} (taken as it is, not copied, and never
   * changed) while they match it, keeping nothing of its own unless they differ.
   */
  public BodyTee(int limit, byte[] likely) {
    this.limit = limit;
    this.expected = likely.length <= limit ? likely : null;
  }

  /** Sees the readable bytes of {@code piece} without consuming them. */
  public void see(ByteBuf piece) {
    see(piece, piece.readerIndex(), piece.readableBytes());
  }

  /** Sees {@code count} bytes of {@code piece} from {@code from}, without consuming them. */
  public void see(ByteBuf piece, int from, int count) {
    if (count == 0) {
      return;
    }
    if (expected != null) {
      if (matches(piece, from, count)) {
        length += count;
        return;
      }
      // The first difference: the bytes matched so far are the expected body's; copy them out.
      kept = Arrays.copyOf(expected, (int) length);
      keptLength = (int) length;
      expected = null;
    }
    if (digest == null && length + count <= limit) {
      keep(piece, from, count);
    } else {
      if (digest == null) {
        digest = sha256();
        digest.update(kept, 0, keptLength);
        kept = null;
      }
      digest.update(piece.nioBuffer(from, count));
    }
    length += count;
  }

  private boolean matches(ByteBuf piece, int from, int count) {
    if (length + count > expected.length) {
      return false;
    }
    int at = (int) length;
    for (int i = 0; i < count; i++) {
      if (piece.getByte(from + i) != expected[at + i]) {
        return false;
      }
    }
    return true;
  }

  private void keep(ByteBuf piece, int from, int count) {
    int needed = keptLength + count;
    if (needed > kept.length) {
      // Exactly the first piece's size (a small body comes in one piece and is never copied
      // again), then doubling, never beyond the limit.
      int grown = kept.length == 0 ? needed : Math.max(needed, kept.length * 2);
      kept = Arrays.copyOf(kept, Math.min(grown, Math.max(needed, limit)));
    }
    piece.getBytes(from, kept, keptLength, count);
    keptLength = needed;
  }

  public long length() {
    return length;
  }

  /** The body seen so far; call once, at its end. */
  public Body body() {
    if (expected != null) {
      // Every byte matched: the expected body itself, or the part of it the body ended at.
      return Body.kept(
          length == expected.length ? expected : Arrays.copyOf(expected, (int) length));
    }
    if (digest != null) {
      return Body.hashed(length, HexFormat.of().formatHex(digest.digest()));
    }
    return Body.kept(keptLength == kept.length ? kept : Arrays.copyOf(kept, keptLength));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
