package dev.minato.cli.secrets;

import dev.minato.cli.UserError;
import dev.minato.manifest.AtomicFile;
import dev.minato.secrets.SecretFile;
import dev.minato.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** The shared steps of the secrets commands: opening a file, and replacing it in one move. */
final class SecretWrites {

  static final SecureRandom RANDOM = new SecureRandom();
  static final Clock CLOCK = Clock.systemUTC();

  private SecretWrites() {}

  static SecretFile open(Path file, KeyOptions keys) {
    try {
      return SecretFile.open(file, keys.keyring());
    } catch (SopsException e) {
      throw UserError.invalidInput(e.getMessage() + "; nothing was written");
    }
  }

  /** Replaces {@code file} atomically; a reader never sees half a file. */
  static void replace(Path file, String content) {
    try {
      AtomicFile.write(file, content);
    } catch (IOException e) {
      throw UserError.environment("cannot write " + file + ": " + e.getMessage());
    }
  }

  static UserError refused(SopsException e) {
    return UserError.invalidInput(e.getMessage() + "; nothing was written");
  }
}
