package dev.minato.secrets.sops;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A selector regex as sops reads it: Go's RE2 syntax (sops.go matches with {@code regexp.Match}),
 * compiled for Java. Where the two dialects differ in a way that would change which values are
 * encrypted, the Go meaning is kept ({@code (?P<name>…)} and {@code [[:alpha:]]} are translated) or
 * the regex is refused: RE2 has no lookaround, atomic groups, backreferences or possessive
 * quantifiers, and sops ignores a regex it cannot compile (it then matches nothing), so a file
 * written with one would decrypt differently in sops.
 */
final class GoRegex {

  /** RE2's ASCII classes and the Java classes that match the same characters. */
  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("alnum", "\\p{Alnum}"),
          Map.entry("alpha", "\\p{Alpha}"),
          Map.entry("ascii", "\\p{ASCII}"),
          Map.entry("blank", "\\p{Blank}"),
          Map.entry("cntrl", "\\p{Cntrl}"),
          Map.entry("digit", "\\p{Digit}"),
          Map.entry("graph", "\\p{Graph}"),
          Map.entry("lower", "\\p{Lower}"),
          Map.entry("print", "\\p{Print}"),
          Map.entry("punct", "\\p{Punct}"),
          Map.entry("space", "\\p{Space}"),
          Map.entry("upper", "\\p{Upper}"),
          Map.entry("word", "\\w"),
          Map.entry("xdigit", "\\p{XDigit}"));

  private GoRegex() {}

  /**
   * The Java pattern that matches what {@code regex} matches in Go.
   *
   * @throws IllegalArgumentException saying what RE2 lacks, or why it does not compile
   */
  static Pattern compile(String regex) {
    String java = translate(regex);
    try {
      return Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "not a regular expression: "
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + " of '"
              + regex
              + "'");
    }
  }

  private static String translate(String regex) {
    StringBuilder out = new StringBuilder(regex.length() + 8);
    boolean inClass = false;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char next = regex.charAt(i + 1);
        if (!inClass && next >= '1' && next <= '9') {
          throw lacks(regex, "backreferences (\\" + next + ")", i);
        }
        if (!inClass && next == 'k' && regex.startsWith("<", i + 2)) {
          throw lacks(regex, "named backreferences (\\k<…>)", i);
        }
        out.append(c).append(next);
        i += 2;
      } else if (inClass) {
        if (regex.startsWith("[:", i) && regex.indexOf(":]", i + 2) > 0) {
          int end = regex.indexOf(":]", i + 2);
          out.append(posix(regex, regex.substring(i + 2, end), i));
          i = end + 2;
        } else {
          inClass = c != ']';
          out.append(c);
          i++;
        }
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        i++;
        // A ']' right after '[' or '[^' is a literal in both dialects.
        if (regex.startsWith("^", i)) {
          out.append('^');
          i++;
        }
        if (regex.startsWith("]", i)) {
          out.append(']');
          i++;
        }
      } else if (regex.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 4;
      } else {
        for (String group : new String[] {"(?=", "(?!", "(?<=", "(?<!"}) {
          if (regex.startsWith(group, i)) {
            throw lacks(regex, "lookaround (" + group + "…))", i);
          }
        }
        if (regex.startsWith("(?>", i)) {
          throw lacks(regex, "atomic groups ((?>…))", i);
        }
        if ((c == '*' || c == '+' || c == '?') && regex.startsWith("+", i + 1) && i > 0) {
          throw lacks(regex, "possessive quantifiers (" + c + "+)", i);
        }
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** {@code [:name:]} (or {@code [:^name:]}) inside a class, as the Java class RE2 means. */
  private static String posix(String regex, String name, int at) {
    boolean negated = name.startsWith("^");
    String java = POSIX.get(negated ? name.substring(1) : name);
    if (java == null) {
      throw new IllegalArgumentException(
          "not a regular expression: unknown class [:"
              + name
              + ":] at index "
              + at
              + " of '"
              + regex
              + "'");
    }
    if (!negated) {
      return java;
    }
    return java.equals("\\w") ? "\\W" : "\\P" + java.substring(2);
  }

  private static IllegalArgumentException lacks(String regex, String what, int at) {
    return new IllegalArgumentException(
        "not a regular expression sops can read: Go's RE2 syntax has no "
            + what
            + " (index "
            + at
            + " of '"
            + regex
            + "')");
  }
}
