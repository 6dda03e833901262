package dev.minato.shadow.exchange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A request or response body as the comparison sees it: its length always, its bytes only when it
 * fits the size limit, else its SHA-256, so a large body is compared by hash and never held.
 *
 * <p>A kept body's hash is computed only when asked for (a report's example), never while the body
 * streams through an event loop: kept bodies are compared byte by byte, which is cheaper than
 * hashing them, and a proxy's event loop has better things to do than hash every answer.
 */
public final class Body {

  /** The empty body. */
  public static final Body EMPTY = kept(new byte[0]);

  private final long length;
  private final byte[] content;
  private volatile String sha256;

  private Body(long length, byte[] content, String sha256) {
    this.length = length;
    this.content = content;
    this.sha256 = sha256;
  }

  /** A body read whole: kept when at most {@code limit} bytes, else only its hash. */
  public static Body of(byte[] bytes, int limit) {
    return bytes.length <= limit ? kept(bytes.clone()) : hashed(bytes.length, sha256(bytes));
  }

  /** A body whose bytes are kept; {@code bytes} is taken as it is, not copied. */
  public static Body kept(byte[] bytes) {
    return new Body(bytes.length, Objects.requireNonNull(bytes, "bytes"), null);
  }

  /** A body too large to keep: its length and the lowercase hex SHA-256 of all of it. */
  public static Body hashed(long length, String sha256) {
    return new Body(length, null, Objects.requireNonNull(sha256, "sha256"));
  }

  /** The body's length in bytes. */
  public long length() {
    return length;
  }

  /** Lowercase hex SHA-256 of the whole body. */
  public String sha256() {
    String hash = sha256;
    if (hash == null) {
      hash = sha256(content);
      sha256 = hash;
    }
    return hash;
  }

  /** The bytes, present only when the body was at most the limit. */
  public Optional<byte[]> content() {
    return Optional.ofNullable(content);
  }

  /** True when the bytes were kept, so the comparison may look inside. */
  public boolean comparableByContent() {
    return content != null;
  }

  /** True when both bodies hold the same bytes: compared directly when both were kept. */
  public boolean sameBytesAs(Body other) {
    if (length != other.length) {
      return false;
    }
    if (content != null && other.content != null) {
      return Arrays.equals(content, other.content);
    }
    return sha256().equals(other.sha256());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Body other && sameBytesAs(other);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(length);
  }

  @Override
  public String toString() {
    return "Body[" + length + " bytes" + (content == null ? ", sha256 " + sha256 : "") + "]";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
