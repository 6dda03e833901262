package dev.minato.logs.mask;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for {@code pseudonym} rules: {@code tok:<key id>:} and the first 16 bytes, base64url, of
 * HMAC-SHA256 of the text. Keyed, unlike a plain hash, so that nobody without the key can test
 * guesses (every e-mail address of a customer list) against the logs. One {@link Mac} per thread,
 * since a Mac is not thread-safe and the logback encoder masks on the application's threads.
 */
final class Pseudonyms {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int TOKEN_BYTES = 16;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private final String prefix;
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  Pseudonyms(String keyId, byte[] material) {
    this.prefix = "tok:" + keyId + ":";
    this.key = new SecretKeySpec(material, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
    }
  }

  String token(String text) {
    byte[] digest = macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    return base64Url(digest);
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
