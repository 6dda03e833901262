package dev.minato.cli.logs;

import dev.minato.logs.mask.VectorCheck;
import java.io.PrintWriter;

/** The readable difference of a failed vector case: both lines and where they part. */
final class CaseDiff {

  private CaseDiff() {}

  static void print(PrintWriter out, VectorCheck check) {
    String expected = check.vectorCase().expect();
    String actual = check.actual();
    if (!expected.equals(actual)) {
      int at = 0;
      while (at < expected.length()
          && at < actual.length()
          && expected.charAt(at) == actual.charAt(at)) {
        at++;
      }
      out.println("      expected: " + visible(expected));
      out.println("      actual:   " + visible(actual));
      out.println(
          "                "
              + " ".repeat(visible(expected.substring(0, at)).length())
              + "^ first difference at column "
              + (at + 1));
    }
    if (check.vectorCase().stream().isPresent()
        && !check.vectorCase().stream().equals(check.stream())) {
      out.println(
          "      stream: expected "
              + check.vectorCase().stream().get()
              + ", got "
              + check.stream().orElse("(none)"));
    }
  }

  /** Tabs and line breaks shown as escapes, so LTSV columns line up in a terminal. */
  private static String visible(String text) {
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
