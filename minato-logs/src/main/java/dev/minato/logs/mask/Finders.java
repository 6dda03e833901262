package dev.minato.logs.mask;

import dev.minato.logs.rules.ValueKind;

/** The finder of each built-in value kind. */
final class Finders {

  private Finders() {}

  static Finder of(ValueKind kind) {
    return switch (kind) {
      case CARD -> new CardNumbers();
      case EMAIL -> new EmailAddresses();
      case JWT -> new Jwts();
      case BEARER -> new BearerTokens();
      case AWS_ACCESS_KEY -> new AwsAccessKeys();
      case PRIVATE_KEY -> new PrivateKeys();
      case IPV4 -> new IpAddresses.V4();
      case IPV6 -> new IpAddresses.V6();
    };
  }
}
