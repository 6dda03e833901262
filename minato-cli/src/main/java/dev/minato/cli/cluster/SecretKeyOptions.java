package dev.minato.cli.cluster;

import dev.minato.cluster.backup.SecretCipher;
import dev.minato.cluster.connect.ClusterException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the AES-256 key for Secrets in a backup comes from. */
final class SecretKeyOptions {

  @Option(
      names = "--encryption-key-file",
      paramLabel = "FILE",
      description = "File holding the base64 of a 32-byte key (head -c 32 /dev/urandom | base64).")
  Path keyFile;

  @Option(
      names = "--encryption-key-env",
      paramLabel = "VAR",
      description = "Environment variable holding the base64 of a 32-byte key.")
  String keyEnv;

  boolean given() {
    return keyFile != null || keyEnv != null;
  }

  Optional<SecretCipher> cipher() throws ClusterException {
    if (keyFile != null && keyEnv != null) {
      throw ClusterException.invalidInput(
          "give the key once: --encryption-key-file or --encryption-key-env, not both");
    }
    if (keyFile != null) {
      return Optional.of(SecretCipher.ofKeyFile(keyFile));
    }
    if (keyEnv != null) {
      return Optional.of(SecretCipher.ofEnvironment(keyEnv));
    }
    return Optional.empty();
  }
}
