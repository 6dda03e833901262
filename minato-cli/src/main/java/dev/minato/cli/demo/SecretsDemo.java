package dev.minato.cli.demo;

import dev.minato.cli.ExitCodes;
import dev.minato.manifest.PrivateDirectory;
import dev.minato.secrets.SecretFile;
import dev.minato.secrets.age.AgeIdentity;
import dev.minato.secrets.sops.EncryptionRules;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import dev.minato.secrets.sops.SopsFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The demo's secrets step: a Secret encrypted for a fresh age key in the SOPS format, shown as it
 * would be committed, then opened in memory as {@code apply} does. Offline and quick.
 */
final class SecretsDemo {

  private SecretsDemo() {}

  static int run(PrintWriter out) {
    SecureRandom random = new SecureRandom();
    AgeIdentity key = AgeIdentity.generate(random);
    try {
      Path dir =
          PrivateDirectory.create(Files.createTempDirectory("minato-demo-").resolve("secrets"));
      Path file = dir.resolve("db-secret.yaml");
      // Encrypted from memory: the plaintext never touches the disk, even in the demo.
      String encrypted =
          SopsFormat.YAML.write(
              SopsDocument.encrypt(
                  SopsFormat.YAML.read(
                      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-api-secrets\n"
                          + "stringData:\n  DB_PASSWORD: correct-horse-battery\n",
                      "demo"),
                  new SopsDocument.Settings(
                      List.of(key.recipient()),
                      EncryptionRules.encryptedRegex("^(data|stringData)$")),
                  Optional.empty(),
                  Clock.systemUTC(),
                  random));
      Files.writeString(file, encrypted);
      out.println("Encrypted " + file + " for " + key.recipient() + ":");
      encrypted
          .lines()
          .filter(l -> !l.startsWith("            "))
          .map(l -> l.length() > 96 ? l.substring(0, 93) + "..." : l)
          .forEach(l -> out.println("  " + l));
      SecretFile opened =
          SecretFile.open(
              file, new dev.minato.secrets.AgeKeyring(List.of(key), List.of("the demo's key")));
      String password = opened.opened().plaintext().at("/stringData/DB_PASSWORD").asText();
      out.printf(
          "Opened in memory with the key (MAC checked): stringData.DB_PASSWORD has %d characters."
              + "%nminato apply decrypts such files the same way; no plaintext file is written.%n",
          password.length());
      return ExitCodes.OK;
    } catch (IOException | SopsException e) {
      out.println("the secrets step failed: " + e.getMessage());
      return ExitCodes.ENVIRONMENT;
    }
  }
}
