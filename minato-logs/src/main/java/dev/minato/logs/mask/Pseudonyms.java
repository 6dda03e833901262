package dev.minato.logs.mask;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
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
    return prefix
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Arrays.copyOf(digest, TOKEN_BYTES));
  }

  @Override
  public String toString() {
    return "Pseudonyms[" + prefix + "…]";
  }
}
