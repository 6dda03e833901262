package dev.minato.logs.fluentbit;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates the part of Java's regular expressions that Lua patterns can express exactly: literal
 * characters, {@code .}, the classes {@code \d \w \s} (and their negations) and bracket classes,
 * each optionally followed by {@code * + ?} or a bounded {@code {n}} / {@code {n,m}}, groups of
 * alternatives without quantifiers (expanded into one pattern per combination), and a leading
 * {@code (?i)} (the subject is then lower-cased, as Java's default case folding is ASCII-only).
 * Anything else (lazy or possessive quantifiers, nested groups, anchors inside a value pattern,
 * back-references, look-around, {@code \b}) is refused with the reason, never approximated.
 */
final class LuaPatterns {

  /** At most this many patterns from expanding alternatives. */
  private static final int MAX_PATTERNS = 32;

  private static final String LUA_MAGIC = "^$()%.[]*+-?";

  /** One or more Lua patterns, any of which matching is a match, and whether to lower-case. */
  record Translation(List<String> patterns, boolean lowerCase) {}

  /** Thrown for a construct Lua patterns cannot express exactly. */
  static final class UnsupportedException extends Exception {
    UnsupportedException(String message) {
      super(message);
    }
  }

  private final String regex;
  private final boolean lowerCase;
  private int at;

  private LuaPatterns(String regex, boolean lowerCase) {
    this.regex = regex;
    this.lowerCase = lowerCase;
  }

  /** A whole-label pattern (Java's {@code matches()}): anchored at both ends. */
  static Translation wholeMatch(String regex) throws UnsupportedException {
    Translation t = translate(regex, true);
    return new Translation(t.patterns().stream().map(p -> "^" + p + "$").toList(), t.lowerCase());
  }

  /** A search pattern (Java's {@code find()}). */
  static Translation search(String regex) throws UnsupportedException {
    return translate(regex, false);
  }

  private static Translation translate(String regex, boolean whole) throws UnsupportedException {
    boolean lower = regex.startsWith("(?i)");
    String body = lower ? regex.substring(4) : regex;
    if (whole && body.startsWith("^")) {
      body = body.substring(1);
    }
    if (whole && body.endsWith("$") && !body.endsWith("\\$")) {
      body = body.substring(0, body.length() - 1);
    }
    List<String> patterns = new LuaPatterns(body, lower).sequence();
    return new Translation(patterns, lower);
  }

  /** The whole pattern: atoms and groups in sequence. */
  private List<String> sequence() throws UnsupportedException {
    List<String> results = List.of("");
    while (at < regex.length()) {
      char c = regex.charAt(at);
      if (c == '|') {
        throw new UnsupportedException("'|' outside a group");
      }
      List<String> item;
      if (c == '(') {
        item = group();
      } else {
        String atom = atom();
        item = List.of(quantified(atom));
      }
      results = product(results, item);
    }
    return results;
  }

  private List<String> group() throws UnsupportedException {
    at++; // (
    if (regex.startsWith("?:", at)) {
      at += 2;
    } else if (at < regex.length() && regex.charAt(at) == '?') {
      throw new UnsupportedException("a special group '(?' such as look-around");
    }
    List<String> alternatives = new ArrayList<>();
    while (true) {
      alternatives.addAll(branch());
      if (alternatives.size() > MAX_PATTERNS) {
        throw new UnsupportedException("more than " + MAX_PATTERNS + " alternatives");
      }
      if (at >= regex.length()) {
        throw new UnsupportedException("an unclosed group");
      }
      char c = regex.charAt(at);
      at++;
      if (c == ')') {
        break;
      }
    }
    if (at < regex.length() && "*+?{".indexOf(regex.charAt(at)) >= 0) {
      throw new UnsupportedException("a quantifier on a group");
    }
    return alternatives;
  }

  /** One alternative of a group, up to its '|' or ')': atoms only, no nested group. */
  private List<String> branch() throws UnsupportedException {
    StringBuilder out = new StringBuilder();
    while (at < regex.length()) {
      char c = regex.charAt(at);
      if (c == '|' || c == ')') {
        break;
      }
      if (c == '(') {
        throw new UnsupportedException("a group inside a group");
      }
      out.append(quantified(atom()));
    }
    return List.of(out.toString());
  }

  private String atom() throws UnsupportedException {
    char c = regex.charAt(at);
    at++;
    switch (c) {
      case '.':
        return ".";
      case '[':
        return bracket();
      case '\\':
        return escape(false);
      case '^':
      case '$':
        throw new UnsupportedException("an anchor '" + c + "' inside the pattern");
      case '*':
      case '+':
      case '?':
      case '{':
        throw new UnsupportedException("a quantifier '" + c + "' with nothing before it");
      case ')':
        throw new UnsupportedException("an unbalanced ')'");
      default:
        return literal(c);
    }
  }

  private String literal(char c) throws UnsupportedException {
    if (c > 126 || c < 32) {
      throw new UnsupportedException("a character outside printable ASCII");
    }
    char folded = lowerCase ? Character.toLowerCase(c) : c;
    return LUA_MAGIC.indexOf(folded) >= 0 ? "%" + folded : String.valueOf(folded);
  }

  private String escape(boolean inBracket) throws UnsupportedException {
    if (at >= regex.length()) {
      throw new UnsupportedException("a trailing '\\'");
    }
    char c = regex.charAt(at);
    at++;
    String cls =
        switch (c) {
          case 'd' -> "0-9";
          case 'w' -> "A-Za-z0-9_";
          case 's' -> " \t\n\u000B\f\r";
          default -> null;
        };
    if (cls != null) {
      return inBracket ? cls : "[" + cls + "]";
    }
    String negated =
        switch (c) {
          case 'D' -> "0-9";
          case 'W' -> "A-Za-z0-9_";
          case 'S' -> " \t\n\u000B\f\r";
          default -> null;
        };
    if (negated != null) {
      if (inBracket) {
        throw new UnsupportedException("a negated class '\\" + c + "' inside brackets");
      }
      return "[^" + negated + "]";
    }
    if (c == 't') {
      return "\t";
    }
    if (Character.isLetterOrDigit(c)) {
      throw new UnsupportedException("the escape '\\" + c + "'");
    }
    return inBracket ? classChar(c) : literal(c);
  }

  private String bracket() throws UnsupportedException {
    StringBuilder out = new StringBuilder("[");
    if (at < regex.length() && regex.charAt(at) == '^') {
      out.append('^');
      at++;
    }
    boolean first = true;
    while (at < regex.length()) {
      char c = regex.charAt(at);
      if (c == ']' && !first) {
        at++;
        return out.append(']').toString();
      }
      first = false;
      at++;
      if (c == '[' || c == '&') {
        throw new UnsupportedException("a nested or intersected class");
      }
      if (c == '\\') {
        out.append(escape(true));
      } else if (c == '-' && at < regex.length() && regex.charAt(at) != ']' && out.length() > 1) {
        out.append('-');
      } else {
        if (c > 126 || c < 32) {
          throw new UnsupportedException("a character outside printable ASCII");
        }
        out.append(classChar(lowerCase ? Character.toLowerCase(c) : c));
      }
    }
    throw new UnsupportedException("an unclosed '['");
  }

  private static String classChar(char c) {
    return "^]%-[".indexOf(c) >= 0 ? "%" + c : String.valueOf(c);
  }

  private String quantified(String atom) throws UnsupportedException {
    if (at >= regex.length()) {
      return atom;
    }
    char q = regex.charAt(at);
    if (q == '*' || q == '+' || q == '?') {
      at++;
      if (at < regex.length() && (regex.charAt(at) == '?' || regex.charAt(at) == '+')) {
        throw new UnsupportedException("a lazy or possessive quantifier");
      }
      return atom + q;
    }
    if (q != '{') {
      return atom;
    }
    int close = regex.indexOf('}', at);
    if (close < 0) {
      throw new UnsupportedException("an unclosed '{'");
    }
    String[] bounds = regex.substring(at + 1, close).split(",", -1);
    at = close + 1;
    if (at < regex.length() && (regex.charAt(at) == '?' || regex.charAt(at) == '+')) {
      throw new UnsupportedException("a lazy or possessive quantifier");
    }
    try {
      int min = Integer.parseInt(bounds[0].strip());
      int max = bounds.length == 1 ? min : Integer.parseInt(bounds[1].strip());
      if (bounds.length > 2 || min < 0 || max < min || max > 64) {
        throw new UnsupportedException("a repetition other than {n} or {n,m} up to 64");
      }
      return atom.repeat(min) + (atom + "?").repeat(max - min);
    } catch (NumberFormatException e) {
      throw new UnsupportedException("an open repetition such as {n,}");
    }
  }

  private static List<String> product(List<String> prefixes, List<String> items)
      throws UnsupportedException {
    if (prefixes.size() * items.size() > MAX_PATTERNS) {
      throw new UnsupportedException("more than " + MAX_PATTERNS + " alternatives");
    }
    List<String> out = new ArrayList<>();
    for (String prefix : prefixes) {
      for (String item : items) {
        out.add(prefix + item);
      }
    }
    return out;
  }
}
