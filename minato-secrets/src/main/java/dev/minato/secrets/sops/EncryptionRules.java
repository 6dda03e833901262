package dev.minato.secrets.sops;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which values SOPS encrypts, from the file's metadata: at most one of {@code unencrypted_suffix},
 * {@code encrypted_suffix}, {@code unencrypted_regex}, {@code encrypted_regex} (SOPS refuses more
 * than one; with none, {@code unencrypted_suffix: _unencrypted} applies), and whether the MAC
 * covers only encrypted values ({@code mac_only_encrypted}). Each rule looks at every key on the
 * value's path, as SOPS's {@code shouldBeEncrypted} does.
 */
public record EncryptionRules(
    Optional<String> unencryptedSuffix,
    Optional<String> encryptedSuffix,
    Optional<String> unencryptedRegex,
    Optional<String> encryptedRegex,
    boolean macOnlyEncrypted) {

  public static final String DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";

  public EncryptionRules {
    int rules =
        (unencryptedSuffix.isPresent() ? 1 : 0)
            + (encryptedSuffix.isPresent() ? 1 : 0)
            + (unencryptedRegex.isPresent() ? 1 : 0)
            + (encryptedRegex.isPresent() ? 1 : 0);
    if (rules > 1) {
      throw new IllegalArgumentException(
          "use at most one of unencrypted_suffix, encrypted_suffix, unencrypted_regex,"
              + " encrypted_regex (SOPS refuses more than one in a file)");
    }
    if (rules == 0) {
      unencryptedSuffix = Optional.of(DEFAULT_UNENCRYPTED_SUFFIX);
    }
  }

  public static EncryptionRules defaults() {
    return new EncryptionRules(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  public static EncryptionRules encryptedRegex(String regex) {
    return new EncryptionRules(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(regex), false);
  }

  boolean shouldEncrypt(List<String> path) {
    if (unencryptedSuffix.isPresent()) {
      return path.stream().noneMatch(key -> key.endsWith(unencryptedSuffix.get()));
    }
    if (encryptedSuffix.isPresent()) {
      return path.stream().anyMatch(key -> key.endsWith(encryptedSuffix.get()));
    }
    if (unencryptedRegex.isPresent()) {
      Pattern p = Pattern.compile(unencryptedRegex.get());
      return path.stream().noneMatch(key -> p.matcher(key).find());
    }
    Pattern p = Pattern.compile(encryptedRegex.orElseThrow());
    return path.stream().anyMatch(key -> p.matcher(key).find());
  }
}
