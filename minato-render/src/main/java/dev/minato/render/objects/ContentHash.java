package dev.minato.render.objects;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The short content hash that ends the name of an object Kubernetes will not let change in place (a
 * ConfigMap pods keep reading, a Job's template): new content, new object.
 */
final class ContentHash {

  private ContentHash() {}

  /** The first {@code digits} hex digits of the SHA-256 of the parts, each ended by a NUL. */
  static String of(int digits, List<String> parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, digits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
