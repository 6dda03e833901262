package dev.minato.secrets.sops;

import java.util.Optional;

/**
 * A SOPS file that cannot be decrypted or written: no metadata, no fitting key, a value or MAC that
 * does not authenticate. The message never contains a secret value or key. When a field of the file
 * is at fault, {@link #pointer} names it (a JSON pointer, {@code /sops/encrypted_regex}), so that
 * the caller, who has the text, can say where it is.
 */
public final class SopsException extends Exception {

  private final String pointer;

  public SopsException(String message) {
    this(message, null);
  }

  public SopsException(String message, String pointer) {
    super(message);
    this.pointer = pointer;
  }

  public Optional<String> pointer() {
    return Optional.ofNullable(pointer);
  }
}
