package dev.minato.logs.mask;

/**
 * PEM private-key blocks ({@code -----BEGIN RSA PRIVATE KEY-----}, {@code OPENSSH}, {@code EC},
 * {@code ENCRYPTED}, plain PKCS#8), from the BEGIN line to the end of the matching END line, or to
 * the end of the value when the block was cut off: half a key is still a secret.
 */
final class PrivateKeys implements Finder {

  private static final String BEGIN = "-----BEGIN ";
  private static final String LABEL_END = "PRIVATE KEY-----";
  private static final int LONGEST_LABEL = 40;

  @Override
  public Needs needs() {
    return Needs.allOf(BEGIN + LABEL_END);
  }

  @Override
  public void find(String value, Matches out, int rule) {
    int from = 0;
    int start;
    while ((start = value.indexOf(BEGIN, from)) >= 0) {
      from = start + BEGIN.length();
      int label = value.indexOf(LABEL_END, from);
      if (label < 0 || label - from > LONGEST_LABEL) {
        continue;
      }
      int endLine = value.indexOf("-----END ", label + LABEL_END.length());
      int end;
      if (endLine < 0) {
        end = value.length();
      } else {
        int close = value.indexOf("-----", endLine + 9);
        end = close < 0 ? value.length() : close + 5;
      }
      out.add(start, end, rule);
      from = end;
    }
  }
}
