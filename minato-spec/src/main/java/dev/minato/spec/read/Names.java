package dev.minato.spec.read;

import java.util.regex.Pattern;

/** The name syntaxes Kubernetes enforces, checked early so errors point into the spec. */
final class Names {

  static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
  static final Pattern LABEL_KEY =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private Names() {}

  /** Empty when {@code name} is a DNS-1123 label of at most {@code maxLength}; else the problem. */
  static String dnsLabelProblem(String name, int maxLength) {
    if (name.length() > maxLength) {
      return "'"
          + name
          + "' is "
          + name.length()
          + " characters; at most "
          + maxLength
          + " allowed";
    }
    if (!DNS_LABEL.matcher(name).matches()) {
      String hint = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
      hint = hint.replaceAll("^-+|-+$", "");
      return "'"
          + name
          + "' is not a valid name: use lower-case letters, digits and '-', starting and ending"
          + " with a letter or digit"
          + (DNS_LABEL.matcher(hint).matches() ? ", e.g. '" + hint + "'" : "");
    }
    return "";
  }

  /** A DNS-1123 subdomain, what most Kubernetes object names must be. */
  static boolean dnsSubdomain(String name) {
    return name.length() <= 253
        && java.util.Arrays.stream(name.split("\\.", -1))
            .allMatch(part -> DNS_LABEL.matcher(part).matches());
  }

  static boolean labelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }
}
