package dev.minato.shadow.exchange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A request or response body as the comparison sees it: its length and SHA-256 always, its bytes
 * only when it fits the size limit, so a large body is compared by hash and never held.
 *
 * @param length the body's length in bytes
 * @param sha256 lowercase hex SHA-256 of the whole body
 * @param content the bytes, present only when the body was at most the limit
 */
public record Body(long length, String sha256, Optional<byte[]> content) {

  /** The empty body. */
  public static final Body EMPTY = of(new byte[0], 0);

  public Body {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(content, "content");
  }

  /** A body read whole: kept when at most {@code limit} bytes, else only its hash. */
  public static Body of(byte[] bytes, int limit) {
    return new Body(
        bytes.length,
        sha256(bytes),
        bytes.length <= limit ? Optional.of(bytes.clone()) : Optional.empty());
  }

  /** True when the bytes were kept, so the comparison may look inside. */
  public boolean comparableByContent() {
    return content.isPresent();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
