package dev.minato.logs.mask;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Tokens for {@code pseudonym} rules: {@code tok:<key id>:} and the first 16 bytes, base64url, of
 * HMAC-SHA256 of the text. Keyed, unlike a plain hash, so that nobody without the key can test
 * guesses (every e-mail address of a customer list) against the logs.
 *
 * <p>HMAC (RFC 2104) is SHA-256 of the key's outer pad and SHA-256 of the inner pad and the text.
 * The pads' blocks are the same for every token, so both digests are made once with their pad
 * absorbed and cloned per token: two SHA-256 compressions per short value instead of four, the
 * largest part of a token's cost. Clones are taken from digests nobody updates after the
 * constructor, so tokens may be made on any thread (the logback encoder masks on the
 * application's).
 */
final class Pseudonyms {

  private static final String DIGEST = "SHA-256";
  private static final int BLOCK = 64;
  private static final int TOKEN_BYTES = 16;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private final String keyId;
  private final String prefix;
  private final MessageDigest inner;
  private final MessageDigest outer;

  Pseudonyms(String keyId, byte[] material) {
    this.keyId = keyId;
    this.prefix = "tok:" + keyId + ":";
    byte[] key = material.length > BLOCK ? sha256().digest(material) : material;
    byte[] innerPad = new byte[BLOCK];
    byte[] outerPad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte k = i < key.length ? key[i] : 0;
      innerPad[i] = (byte) (k ^ 0x36);
      outerPad[i] = (byte) (k ^ 0x5c);
    }
    this.inner = sha256();
    inner.update(innerPad);
    this.outer = sha256();
    outer.update(outerPad);
    Arrays.fill(innerPad, (byte) 0);
    Arrays.fill(outerPad, (byte) 0);
    if (key != material) {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance(DIGEST);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + DIGEST, e);
    }
  }

  String keyId() {
    return keyId;
  }

  String token(String text) {
    try {
      MessageDigest in = (MessageDigest) inner.clone();
      byte[] innerDigest = in.digest(text.getBytes(StandardCharsets.UTF_8));
      MessageDigest out = (MessageDigest) outer.clone();
      return base64Url(out.digest(innerDigest));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's " + DIGEST + " can be cloned", e);
    }
  }

  /**
   * {@code prefix} and base64url without padding of the first 16 bytes of {@code digest}, written
   * directly: the JDK's encoder allocates twice per call, and this runs once per masked value.
   */
  private String base64Url(byte[] digest) {
    StringBuilder out = new StringBuilder(prefix.length() + 22).append(prefix);
    int i = 0;
    for (; i + 3 <= TOKEN_BYTES; i += 3) {
      int bits = (digest[i] & 0xFF) << 16 | (digest[i + 1] & 0xFF) << 8 | (digest[i + 2] & 0xFF);
      out.append(ALPHABET[bits >>> 18])
          .append(ALPHABET[(bits >>> 12) & 0x3F])
          .append(ALPHABET[(bits >>> 6) & 0x3F])
          .append(ALPHABET[bits & 0x3F]);
    }
    int last = digest[i] & 0xFF; // 16 = 5 * 3 + 1: one byte left, two characters
    out.append(ALPHABET[last >>> 2]).append(ALPHABET[(last & 0x03) << 4]);
    return out.toString();
  }

  @Override
  public String toString() {
    return "Pseudonyms[" + prefix + "…]";
  }
}
