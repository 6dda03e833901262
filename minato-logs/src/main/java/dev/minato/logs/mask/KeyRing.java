package dev.minato.logs.mask;

import dev.minato.logs.rules.PseudonymKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;

/**
 * Loads the key that new pseudonym tokens are made with. Only the current key is read: older keys
 * stay listed in the ruleset so that the id in an old token still names a known key, but masking
 * never needs their material, and a retired key's variable can be unset.
 */
final class KeyRing {

  /** HMAC-SHA256 keys shorter than its 32-byte output weaken it (RFC 2104, section 3). */
  static final int MIN_KEY_BYTES = 32;

  private KeyRing() {}

  static Pseudonyms load(PseudonymKeys keys, Map<String, String> environment)
      throws KeyUnavailableException {
    PseudonymKeys.KeyRef current =
        keys.keys().stream().filter(k -> k.id().equals(keys.current())).findFirst().orElseThrow();
    return load(current, environment);
  }

  /** The tokens of one key, current or older: what a lookup across a rotation needs. */
  static Pseudonyms load(PseudonymKeys.KeyRef current, Map<String, String> environment)
      throws KeyUnavailableException {
    byte[] material = material(current, environment);
    try {
      if (material.length < MIN_KEY_BYTES) {
        throw new KeyUnavailableException(
            "pseudonym key '"
                + current.id()
                + "' from "
                + describe(current.source())
                + " is "
                + material.length
                + " bytes; it must be at least "
                + MIN_KEY_BYTES
                + " (make one with: openssl rand -base64 32)");
      }
      return new Pseudonyms(current.id(), material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private static byte[] material(PseudonymKeys.KeyRef key, Map<String, String> environment)
      throws KeyUnavailableException {
    if (key.source() instanceof PseudonymKeys.EnvVariable env) {
      String value = environment.get(env.name());
      if (value == null || value.isEmpty()) {
        throw new KeyUnavailableException(
            "pseudonym key '" + key.id() + "': environment variable " + env.name() + " is not set");
      }
      return value.getBytes(StandardCharsets.UTF_8);
    }
    PseudonymKeys.KeyFile file = (PseudonymKeys.KeyFile) key.source();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file.path());
    } catch (IOException e) {
      throw new KeyUnavailableException(
          "pseudonym key '" + key.id() + "': cannot read " + file.path() + " (" + e + ")");
    }
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\n') {
      length--;
      if (length > 0 && bytes[length - 1] == '\r') {
        length--;
      }
    }
    byte[] material = Arrays.copyOf(bytes, length);
    Arrays.fill(bytes, (byte) 0);
    return material;
  }

  private static String describe(PseudonymKeys.KeySource source) {
    return source instanceof PseudonymKeys.EnvVariable env
        ? "environment variable " + env.name()
        : "file " + ((PseudonymKeys.KeyFile) source).path();
  }
}
