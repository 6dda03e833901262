package dev.minato.logs.rules;

import java.util.Objects;

/** What replaces what a rule found. */
public sealed interface Action permits Action.Redact, Action.Partial, Action.Pseudonym {

  /**
   * The found text is replaced by {@code replacement} ({@code [REDACTED]} unless the rule says
   * otherwise). YAML: {@code action: redact}, optional {@code replacement: "***"}.
   */
  record Redact(String replacement) implements Action {
    public static final String DEFAULT = "[REDACTED]";

    public Redact {
      Objects.requireNonNull(replacement, "replacement");
    }

    public static Redact standard() {
      return new Redact(DEFAULT);
    }
  }

  /**
   * Every letter and digit is replaced by {@code *} except the last {@code keep} of them, and never
   * more than half of them are kept, so a short value is not shown whole; separators stay ({@code
   * 4111 1111 1111 1111} keeping 4 gives {@code **** **** **** 1111}). YAML: {@code action:
   * partial}, {@code keep: 4} (the default).
   */
  record Partial(int keep) implements Action {
    public static final int DEFAULT_KEEP = 4;

    public Partial {
      if (keep < 0) {
        throw new IllegalArgumentException("keep must be 0 or more: " + keep);
      }
    }
  }

  /**
   * The found text is replaced by a token {@code tok:<key id>:<22 characters>}: the first 16 bytes,
   * base64url, of HMAC-SHA256 of the text under the ruleset's current key. The same text gives the
   * same token under the same key, so lines can still be joined on it; without the key the text
   * cannot be found from the token, even for guessable values such as e-mail addresses. The key id
   * in the token says which key made it once keys are rotated. YAML: {@code action: pseudonym}.
   */
  record Pseudonym() implements Action {}
}
