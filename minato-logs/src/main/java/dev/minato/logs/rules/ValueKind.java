package dev.minato.logs.rules;

import dev.minato.manifest.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The secrets and personal data the engine finds inside values by itself. Each is found by a scan
 * and then validated, not by a bare pattern, so that look-alikes (an order number that fails the
 * Luhn check, {@code @Override} in a stack trace) stay readable.
 */
public enum ValueKind {
  /**
   * Payment card numbers: 13 to 19 digits, optionally in groups split by single spaces or dashes,
   * starting with 2 to 6 (the card networks' ranges), passing the Luhn check, not inside a longer
   * run of letters or digits.
   */
  CARD("card"),
  /**
   * E-mail addresses: a local part, {@code @}, and a domain of at least two labels of letters,
   * digits and inner hyphens whose last label is two or more letters ({@code a@localhost}, {@code
   * lib@1.2.3} and {@code @Override} are not addresses).
   */
  EMAIL("email"),
  /**
   * JSON Web Tokens: three base64url parts split by dots whose first part decodes to a JSON object
   * (it starts {@code eyJ}, the encoding of <code>{"</code>).
   */
  JWT("jwt"),
  /**
   * Bearer credentials: the token after {@code Bearer } (any case) of at least 16 token characters;
   * the word {@code Bearer} itself stays.
   */
  BEARER("bearer"),
  /**
   * AWS access key ids: {@code AKIA}, {@code ASIA}, {@code ABIA} or {@code ACCA} and 16 more
   * characters of A-Z and 2-7, not inside a longer word.
   */
  AWS_ACCESS_KEY("aws-access-key"),
  /**
   * PEM private-key blocks, from {@code -----BEGIN … PRIVATE KEY-----} to the matching END line, or
   * to the end of the value when it was cut off.
   */
  PRIVATE_KEY("private-key"),
  /** IPv4 addresses: four decimal parts of 0 to 255, not inside a longer dotted number. */
  IPV4("ipv4"),
  /** IPv6 addresses in any of RFC 4291's text forms, with at least one {@code ::} or 7 colons. */
  IPV6("ipv6");

  private final String id;

  ValueKind(String id) {
    this.id = id;
  }

  /** The name the ruleset uses: {@code card}, {@code aws-access-key}, … */
  public String id() {
    return id;
  }

  public static Optional<ValueKind> of(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ValueKind::id).toList();
  }

  public static String didYouMean(String id) {
    return Suggestions.didYouMean(id, ids());
  }
}
