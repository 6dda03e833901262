package dev.minato.secrets.age;

import java.util.Arrays;

/** An age X25519 recipient: a public key, written {@code age1…} in Bech32. */
public record AgeRecipient(byte[] publicKey) {

  public AgeRecipient {
    if (publicKey.length != 32) {
      throw new IllegalArgumentException("an X25519 public key has 32 bytes");
    }
    publicKey = publicKey.clone();
  }

  /** Parses {@code age1…}; anything else (ssh keys, plugins) is refused with a message. */
  public static AgeRecipient parse(String text) throws AgeException {
    String trimmed = text.strip();
    if (!trimmed.startsWith("age1")) {
      throw new AgeException(
          "'" + trimmed + "' is not an age X25519 recipient (expected a key starting with age1)");
    }
    Bech32.Decoded decoded = Bech32.decode(trimmed);
    if (!decoded.hrp().equals("age") || decoded.data().length != 32) {
      throw new AgeException("'" + trimmed + "' is not an age X25519 recipient");
    }
    return new AgeRecipient(decoded.data());
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public String toString() {
    return Bech32.encode("age", publicKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AgeRecipient that && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }
}
