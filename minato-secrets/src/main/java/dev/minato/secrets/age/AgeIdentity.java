package dev.minato.secrets.age;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * An age X25519 identity: a private key, written {@code AGE-SECRET-KEY-1…}. Its text never appears
 * in {@link #toString()}, so a log line or an exception cannot carry it by accident.
 */
public final class AgeIdentity {

  private static final String PREFIX = "AGE-SECRET-KEY-";
  private final byte[] scalar;
  private final AgeRecipient recipient;

  private AgeIdentity(byte[] scalar) {
    this.scalar = scalar.clone();
    this.recipient = new AgeRecipient(X25519.multiply(this.scalar, X25519.BASE_POINT));
  }

  /** A new random identity, as {@code age-keygen} makes one. */
  public static AgeIdentity generate(SecureRandom random) {
    byte[] scalar = new byte[32];
    random.nextBytes(scalar);
    return new AgeIdentity(scalar);
  }

  public static AgeIdentity parse(String text) throws AgeException {
    String trimmed = text.strip();
    if (!trimmed.startsWith(PREFIX + "1")) {
      throw new AgeException(
          "not an age identity (expected a line starting with AGE-SECRET-KEY-1)");
    }
    Bech32.Decoded decoded = Bech32.decode(trimmed);
    if (!decoded.hrp().equals("age-secret-key-") || decoded.data().length != 32) {
      throw new AgeException("not an age X25519 identity");
    }
    return new AgeIdentity(decoded.data());
  }

  /**
   * Every identity in a keys file's text ({@code age-keygen}'s format): one per line, blank lines
   * and {@code #} comments skipped. The message of a bad line names its number, never its text.
   */
  public static List<AgeIdentity> parseAll(String keysText, String source) throws AgeException {
    List<AgeIdentity> identities = new ArrayList<>();
    String[] lines = keysText.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        identities.add(parse(line));
      } catch (AgeException e) {
        throw new AgeException(source + ":" + (i + 1) + ": " + e.getMessage());
      }
    }
    return identities;
  }

  public AgeRecipient recipient() {
    return recipient;
  }

  /** The Bech32 text, for writing a keys file; never logged. */
  public String encoded() {
    return Bech32.encode(PREFIX, scalar);
  }

  byte[] sharedSecret(byte[] point) {
    return X25519.multiply(scalar, point);
  }

  @Override
  public String toString() {
    return "AgeIdentity(" + recipient + ")";
  }
}
