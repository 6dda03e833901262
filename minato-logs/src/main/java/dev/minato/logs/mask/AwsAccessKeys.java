package dev.minato.logs.mask;

/**
 * AWS access key ids: a known prefix ({@code AKIA} long-term, {@code ASIA} temporary, {@code ABIA},
 * {@code ACCA}) and 16 characters of A-Z and 2-7, with no letter or digit on either side.
 */
final class AwsAccessKeys implements Finder {

  private static final String[] PREFIXES = {"AKIA", "ASIA", "ABIA", "ACCA"};
  private static final int LENGTH = 20;

  @Override
  public Needs needs() {
    return Needs.oneOf(PREFIXES);
  }

  @Override
  public void find(String value, Matches out, int rule) {
    if (value.length() < LENGTH) {
      return;
    }
    for (String prefix : PREFIXES) {
      for (int at = value.indexOf(prefix); at >= 0; at = value.indexOf(prefix, at + 1)) {
        if (isKey(value, at)) {
          out.add(at, at + LENGTH, rule);
        }
      }
    }
  }

  private static boolean isKey(String value, int at) {
    int end = at + LENGTH;
    if (end > value.length()
        || (at > 0 && Finder.isWordChar(value.charAt(at - 1)))
        || (end < value.length() && Finder.isWordChar(value.charAt(end)))) {
      return false;
    }
    for (int i = at + 4; i < end; i++) {
      char c = value.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
        return false;
      }
    }
    return true;
  }
}
