package dev.minato.secrets.sops;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which values SOPS encrypts, from the file's metadata: one selector (SOPS refuses more than one of
 * {@code unencrypted_suffix}, {@code encrypted_suffix}, {@code unencrypted_regex}, {@code
 * encrypted_regex}, {@code unencrypted_comment_regex}, {@code encrypted_comment_regex}; with none,
 * {@code unencrypted_suffix: _unencrypted} applies), and whether the MAC covers only encrypted
 * values ({@code mac_only_encrypted}). The key selectors look at every key on a value's path, the
 * comment selectors at the comments above it, as sops.go's {@code shouldBeEncrypted} does.
 */
public record EncryptionRules(Selector selector, boolean macOnlyEncrypted) {

  public static final String DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";

  /** The six selectors, by the metadata field that records them. */
  public enum Kind {
    UNENCRYPTED_SUFFIX,
    ENCRYPTED_SUFFIX,
    UNENCRYPTED_REGEX,
    ENCRYPTED_REGEX,
    UNENCRYPTED_COMMENT_REGEX,
    ENCRYPTED_COMMENT_REGEX;

    /** The field in {@code sops:} metadata and in a creation rule ({@code encrypted_regex}). */
    public String field() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The command-line flag, as sops spells it ({@code --encrypted-regex}). */
    public String option() {
      return "--" + field().replace('_', '-');
    }

    boolean isRegex() {
      return this != UNENCRYPTED_SUFFIX && this != ENCRYPTED_SUFFIX;
    }

    boolean readsComments() {
      return this == UNENCRYPTED_COMMENT_REGEX || this == ENCRYPTED_COMMENT_REGEX;
    }

    /** The selector a metadata or creation-rule field names. */
    public static Optional<Kind> ofField(String field) {
      return Arrays.stream(values()).filter(k -> k.field().equals(field)).findFirst();
    }

    /** Every field name, in the order SOPS writes them. */
    public static List<String> fields() {
      return Arrays.stream(values()).map(Kind::field).toList();
    }
  }

  /**
   * One selector and its value; a regex must be one that sops's Go RE2 reads the same way ({@link
   * GoRegex}). sops finds a regex anywhere in the key or comment (not a full match); so does {@link
   * Pattern#find}.
   */
  public record Selector(Kind kind, String value) {
    public Selector {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("expected a non-empty value");
      }
      if (kind.isRegex()) {
        GoRegex.compile(value);
      }
    }

    Pattern pattern() {
      return GoRegex.compile(value);
    }
  }

  public EncryptionRules {
    Objects.requireNonNull(selector, "selector");
  }

  public static EncryptionRules defaults() {
    return new EncryptionRules(
        new Selector(Kind.UNENCRYPTED_SUFFIX, DEFAULT_UNENCRYPTED_SUFFIX), false);
  }

  public static EncryptionRules encryptedRegex(String regex) {
    return new EncryptionRules(new Selector(Kind.ENCRYPTED_REGEX, regex), false);
  }

  /** The rules with {@code selector}, or the default suffix when there is none (as SOPS). */
  public static EncryptionRules of(Optional<Selector> selector, boolean macOnlyEncrypted) {
    return new EncryptionRules(selector.orElse(defaults().selector()), macOnlyEncrypted);
  }

  /** Whether which values are encrypted depends on the comments above them. */
  public boolean readsComments() {
    return selector.kind().readsComments();
  }

  /** The decision for one walk of a tree (the regex compiled once). */
  Decision decision() {
    return new Decision(
        selector.kind(), selector.value(), selector.kind().isRegex() ? selector.pattern() : null);
  }

  /**
   * Whether a value or comment is encrypted, from its key path and the comment stack above it: per
   * enclosing mapping or list, outermost first, the comments directly above the entry being read (a
   * comment being decided is the last one of the innermost level).
   */
  record Decision(Kind kind, String value, Pattern pattern) {

    boolean shouldEncrypt(List<String> path, List<List<String>> comments, boolean isComment) {
      return switch (kind) {
        case UNENCRYPTED_SUFFIX -> path.stream().noneMatch(key -> key.endsWith(value));
        case ENCRYPTED_SUFFIX -> path.stream().anyMatch(key -> key.endsWith(value));
        case UNENCRYPTED_REGEX -> path.stream().noneMatch(key -> pattern.matcher(key).find());
        case ENCRYPTED_REGEX -> path.stream().anyMatch(key -> pattern.matcher(key).find());
        case UNENCRYPTED_COMMENT_REGEX ->
            comments.stream().flatMap(List::stream).noneMatch(c -> pattern.matcher(c).find());
        case ENCRYPTED_COMMENT_REGEX -> anyCommentAbove(comments, isComment);
      };
    }

    /**
     * sops.go: a comment matching encrypted_comment_regex is itself left in clear; it encrypts what
     * follows it (values and comments), at its level and below.
     */
    private boolean anyCommentAbove(List<List<String>> comments, boolean isComment) {
      for (int level = 0; level < comments.size(); level++) {
        List<String> lines = comments.get(level);
        for (int i = 0; i < lines.size(); i++) {
          boolean self = isComment && level == comments.size() - 1 && i == lines.size() - 1;
          if (!self && pattern.matcher(lines.get(i)).find()) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
