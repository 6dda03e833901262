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
 * Not thread-safe: one body, one event loop.
 */
public final class BodyTee {

  private static final byte[] NONE = new byte[0];

  private final int limit;
  private byte[] kept = NONE;
  private int keptLength;
  private MessageDigest digest;
  private long length;

  public BodyTee(int limit) {
    this.limit = limit;
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
