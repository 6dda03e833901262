package dev.minato.logs.rules;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What a rule finds. Key matches take whole fields; value matches take text inside values. */
public sealed interface Match
    permits Match.KeyName, Match.KeyPattern, Match.Detector, Match.ValuePattern {

  /**
   * Fields whose label is one of {@code names}, compared without case. A dotted label (JSON read
   * {@code {"user":{"password":…}}} as {@code user.password}) also matches by its last part, so
   * {@code password} reaches nested fields. YAML: {@code keys: [password, secret]}.
   */
  record KeyName(List<String> names) implements Match {
    public KeyName {
      names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
      if (names.isEmpty()) {
        throw new IllegalArgumentException("keys needs at least one name");
      }
    }

    /** Whether this rule takes the field labelled {@code label}. */
    public boolean matches(String label) {
      String lower = label.toLowerCase(Locale.ROOT);
      if (names.contains(lower)) {
        return true;
      }
      int dot = lower.lastIndexOf('.');
      return dot >= 0 && names.contains(lower.substring(dot + 1));
    }
  }

  /**
   * Fields whose whole label matches the Java regular expression {@code regex} (write {@code (?i)}
   * for no case). YAML: {@code keyPattern: "(?i).*_token"}.
   */
  record KeyPattern(String regex) implements Match {
    public KeyPattern {
      compile(regex);
    }

    /** The compiled pattern; compile once and keep it, as the engine does. */
    public Pattern pattern() {
      return Pattern.compile(regex);
    }
  }

  /**
   * Text inside values that a built-in detector finds and validates (a card number must pass the
   * Luhn check, a JWT's header must be JSON): see {@link ValueKind}. {@code in} limits the rule to
   * fields with those labels (empty: every field). YAML: {@code value: card}, {@code in: [msg]}.
   */
  record Detector(ValueKind kind, List<String> in) implements Match {
    public Detector {
      Objects.requireNonNull(kind, "kind");
      in = List.copyOf(in);
    }
  }

  /**
   * Text inside values that the Java regular expression {@code regex} finds. {@code contains} is a
   * cheap pre-check: when given, the pattern runs only on values that contain that text, which is
   * what keeps a custom pattern off the hot path of fields that cannot match. {@code in} as for
   * {@link Detector}. YAML: {@code valuePattern: "ORD-[0-9]{8}"}, {@code contains: "ORD-"}.
   */
  record ValuePattern(String regex, Optional<String> contains, List<String> in) implements Match {
    public ValuePattern {
      compile(regex);
      Objects.requireNonNull(contains, "contains");
      in = List.copyOf(in);
      contains.ifPresent(
          text -> {
            if (text.isEmpty()) {
              throw new IllegalArgumentException("contains must not be empty");
            }
          });
      if (Pattern.compile(regex).matcher("").matches()) {
        throw new IllegalArgumentException(
            "valuePattern matches empty text, so it would match between every two characters");
      }
    }

    public Pattern pattern() {
      return Pattern.compile(regex);
    }
  }

  /** Throws {@link IllegalArgumentException} with Java's own description for a bad regex. */
  static Pattern compile(String regex) {
    try {
      return Pattern.compile(Objects.requireNonNull(regex, "regex"));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "not a Java regular expression: "
              + e.getDescription()
              + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""),
          e);
    }
  }
}
