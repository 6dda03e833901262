package dev.minato.manifest.selector;

import java.util.Optional;
import java.util.regex.Pattern;

/** The API server's rules for label keys and values; each check says what is wrong, if anything. */
final class LabelNames {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private LabelNames() {}

  /** Why {@code key} is not a label key ({@code [prefix/]name}), or empty when it is one. */
  static Optional<String> keyProblem(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return Optional.of(
            "the prefix '" + prefix + "' of key '" + key + "' is not a lowercase DNS subdomain");
      }
    }
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
      return Optional.of(
          "'"
              + key
              + "' is not a label key (up to 63 letters, digits, '-', '_' or '.', starting and"
              + " ending with a letter or digit, after an optional 'prefix/')");
    }
    return Optional.empty();
  }

  /** Why {@code value} is not a label value, or empty when it is one (the empty value is). */
  static Optional<String> valueProblem(String value) {
    if (value.isEmpty() || (value.length() <= 63 && NAME.matcher(value).matches())) {
      return Optional.empty();
    }
    return Optional.of(
        "'"
            + value
            + "' is not a label value (up to 63 letters, digits, '-', '_' or '.', starting and"
            + " ending with a letter or digit)");
  }
}
