package dev.minato.secrets.sops;

/**
 * A SOPS file that cannot be decrypted or written: no metadata, no fitting key, a value or MAC that
 * does not authenticate. The message never contains a secret value or key.
 */
public final class SopsException extends Exception {

  public SopsException(String message) {
    super(message);
  }
}
