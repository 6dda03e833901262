package dev.minato.shadow.upstream;

import dev.minato.shadow.exchange.Body;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Watches a body go by in pieces: hashes all of it and keeps the bytes only while they fit the
 * limit, so a streamed body is never held whole and large ones are compared by hash. Not
 * thread-safe: one body, one event loop.
 */
public final class BodyTee {

  private final int limit;
  private final MessageDigest digest;
  private ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long length;

  public BodyTee(int limit) {
    this.limit = limit;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }

  /** Sees the readable bytes of {@code piece} without consuming them. */
  public void see(ByteBuf piece) {
    int readable = piece.readableBytes();
    if (readable == 0) {
      return;
    }
    byte[] bytes = new byte[readable];
    piece.getBytes(piece.readerIndex(), bytes);
    digest.update(bytes);
    length += readable;
    if (kept != null) {
      if (length <= limit) {
        kept.writeBytes(bytes);
      } else {
        kept = null;
      }
    }
  }

  public long length() {
    return length;
  }

  /** The body seen so far; call once, at its end. */
  public Body body() {
    Optional<byte[]> content = kept == null ? Optional.empty() : Optional.of(kept.toByteArray());
    return new Body(length, HexFormat.of().formatHex(digest.digest()), content);
  }
}
