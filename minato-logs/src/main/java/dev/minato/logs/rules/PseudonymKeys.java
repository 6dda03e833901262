package dev.minato.logs.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the keys of {@link Action.Pseudonym} come from. The ruleset names keys, never holds them:
 * key material is read from an environment variable or a file when the engine starts, and is never
 * printed.
 *
 * @param current the id of the key new tokens are made with
 * @param keys every key, the current one and older ones kept to tell which key made a token
 */
public record PseudonymKeys(String current, List<KeyRef> keys) {

  /** What a key id may be: it is written into every token. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public PseudonymKeys {
    Objects.requireNonNull(current, "current");
    keys = List.copyOf(keys);
    if (keys.stream().noneMatch(k -> k.id().equals(current))) {
      throw new IllegalArgumentException("the current key '" + current + "' is not in keys");
    }
  }

  /** One named key and where its material is. */
  public record KeyRef(String id, KeySource source) {
    public KeyRef {
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "a key id is 1 to 32 lower-case letters, digits and '-': " + id);
      }
      Objects.requireNonNull(source, "source");
    }
  }

  /** Where key material is read from. */
  public sealed interface KeySource permits EnvVariable, KeyFile {}

  /** The value of an environment variable (YAML: {@code env: LOG_KEY_2026}). */
  public record EnvVariable(String name) implements KeySource {
    public EnvVariable {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * The bytes of a file, one trailing newline left out (YAML: {@code file: /run/secrets/key}); a
   * relative path is relative to the ruleset's directory.
   */
  public record KeyFile(Path path) implements KeySource {
    public KeyFile {
      Objects.requireNonNull(path, "path");
    }
  }
}
