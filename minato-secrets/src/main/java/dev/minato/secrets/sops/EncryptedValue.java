package dev.minato.secrets.sops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One value as SOPS stores it: {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]}, AES-256-GCM with a
 * 32-byte IV (SOPS's nonce size), a 16-byte tag, and the value's key path as additional data.
 */
record EncryptedValue(byte[] data, byte[] iv, byte[] tag, String type) {

  // The same shape SOPS's aes/cipher.go matches; its groups are greedy, as there.
  private static final Pattern FORMAT =
      Pattern.compile("^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]");
  private static final int IV_BYTES = 32;

  static boolean looksEncrypted(String text) {
    return text.startsWith("ENC[AES256_GCM,");
  }

  static EncryptedValue parse(String text, String where) throws SopsException {
    Matcher m = FORMAT.matcher(text);
    if (!m.find()) {
      throw new SopsException(where + " is not a SOPS encrypted value (ENC[AES256_GCM,...])");
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      return new EncryptedValue(
          b64.decode(m.group(1)), b64.decode(m.group(2)), b64.decode(m.group(3)), m.group(4));
    } catch (IllegalArgumentException e) {
      throw new SopsException(where + " has invalid base64 in its encrypted value");
    }
  }

  static EncryptedValue seal(
      byte[] plaintext, String type, byte[] key, String additionalData, SecureRandom random) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, iv, additionalData, plaintext);
    byte[] data = java.util.Arrays.copyOf(sealed, sealed.length - 16);
    byte[] tag = java.util.Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length);
    return new EncryptedValue(data, iv, tag, type);
  }

  byte[] open(byte[] key, String additionalData, String where) throws SopsException {
    if (iv.length == 0 || tag.length != 16) {
      throw new SopsException(where + " has a malformed encrypted value (iv or tag)");
    }
    byte[] sealed = java.util.Arrays.copyOf(data, data.length + tag.length);
    System.arraycopy(tag, 0, sealed, data.length, tag.length);
    try {
      return gcm(Cipher.DECRYPT_MODE, key, iv, additionalData, sealed);
    } catch (IllegalStateException e) {
      throw new SopsException(
          where
              + " does not authenticate: the value, its key path or the data key is not the one it"
              + " was encrypted with (tampered, moved, or encrypted with another key)");
    }
  }

  String format() {
    Base64.Encoder b64 = Base64.getEncoder();
    return "ENC[AES256_GCM,data:"
        + b64.encodeToString(data)
        + ",iv:"
        + b64.encodeToString(iv)
        + ",tag:"
        + b64.encodeToString(tag)
        + ",type:"
        + type
        + "]";
  }

  /**
   * One Cipher per thread, initialized again for each value: looking the algorithm up costs more
   * than sealing a short value, and a file has thousands of them. Reuse is safe because every value
   * has a fresh random IV (the JDK refuses a second encryption under the same key and IV, which
   * cannot happen here) and {@code init} resets all state, a failed decryption's included.
   */
  private static final ThreadLocal<Cipher> CIPHER =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("every JDK has AES/GCM: " + e.getMessage(), e);
            }
          });

  private static byte[] gcm(int mode, byte[] key, byte[] iv, String aad, byte[] input) {
    try {
      Cipher cipher = CIPHER.get();
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("tag mismatch", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused its input: " + e.getMessage(), e);
    }
  }
}
