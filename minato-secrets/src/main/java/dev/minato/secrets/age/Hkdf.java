package dev.minato.secrets.age;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA-256 (RFC 5869) on the JDK's HMAC, the key derivation of every age key. */
final class Hkdf {

  private Hkdf() {}

  static byte[] sha256(byte[] inputKey, byte[] salt, String info, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // RFC 5869: an absent salt is a string of HashLen zeros.
      mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
      byte[] pseudoRandomKey = mac.doFinal(inputKey);
      mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] block = new byte[0];
      int written = 0;
      for (int counter = 1; written < length; counter++) {
        mac.update(block);
        mac.update(info.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        mac.update((byte) counter);
        block = mac.doFinal();
        int n = Math.min(block.length, length - written);
        System.arraycopy(block, 0, out, written, n);
        written += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }
}
