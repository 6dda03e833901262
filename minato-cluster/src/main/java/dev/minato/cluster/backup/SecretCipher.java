package dev.minato.cluster.backup;

import dev.minato.cluster.connect.ClusterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts Secrets at rest in a backup: AES-256-GCM, a fresh random 96-bit nonce per file, a
 * 128-bit tag, and the file's relative path as associated data (so encrypted files cannot be
 * swapped unnoticed). A file holds one line {@code minato-aes256gcm-v1:<base64(nonce|ciphertext)>}.
 * The key is 32 bytes, given by the user as base64 text in a file or an environment variable; it is
 * never written into the backup.
 */
public final class SecretCipher {

  static final String PREFIX = "minato-aes256gcm-v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  private SecretCipher(SecretKey key) {
    this.key = key;
  }

  /** A cipher for a base64-encoded 32-byte key; {@code origin} names where it came from. */
  public static SecretCipher ofBase64(String base64, String origin) throws ClusterException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw ClusterException.invalidInput(
          origin + ": the key is not base64; create one with 'head -c 32 /dev/urandom | base64'");
    }
    if (bytes.length != 32) {
      throw ClusterException.invalidInput(
          origin
              + ": the key has "
              + bytes.length
              + " bytes, expected 32 (AES-256); create one with 'head -c 32 /dev/urandom | base64'");
    }
    return new SecretCipher(new SecretKeySpec(bytes, "AES"));
  }

  /** A cipher whose key is the base64 text of {@code file}. */
  public static SecretCipher ofKeyFile(Path file) throws ClusterException {
    try {
      return ofBase64(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw ClusterException.invalidInput(file + ": cannot read the key file: " + e.getMessage());
    }
  }

  /** A cipher whose key is the base64 text of environment variable {@code name}. */
  public static SecretCipher ofEnvironment(String name) throws ClusterException {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw ClusterException.invalidInput("environment variable " + name + " is not set");
    }
    return ofBase64(value, "$" + name);
  }

  String encrypt(String plain, String relativePath) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(relativePath.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out) + "\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
    }
  }

  String decrypt(String text, String relativePath) throws ClusterException {
    String body = text.strip();
    if (!body.startsWith(PREFIX)) {
      throw ClusterException.invalidInput(relativePath + ": not a minato encrypted file");
    }
    try {
      byte[] all = Base64.getDecoder().decode(body.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      cipher.updateAAD(relativePath.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw ClusterException.invalidInput(
          relativePath + ": cannot decrypt (wrong key, or the file was changed)");
    }
  }
}
