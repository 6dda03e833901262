package dev.minato.shadow.rules;

import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.diff.FieldPath;
import dev.minato.manifest.diff.JsonTreeDiff;
import java.util.regex.Pattern;

/**
 * A JSONPath with wildcards naming fields of a response body: {@code $.user.id}, {@code
 * $.items[*].price}, {@code $..timestamp} (at any depth), {@code $["content-type"]}. It matches the
 * paths the body diff reports, so a rule and a finding are written the same way.
 *
 * @param text the pattern as written
 */
public record PathPattern(String text, Pattern regex) {

  /** One member ({@code .name}, {@code ["a.b"]}) or index ({@code [3]}) of a rendered path. */
  private static final String STEP =
      "(?:\\.[A-Za-z_$][A-Za-z0-9_$-]*|\\[\"(?:[^\"\\\\]|\\\\.)*\"\\]|\\[[0-9]+\\])";

  /** Reads a pattern; the message of the exception says what was expected. */
  public static PathPattern parse(String text) throws InvalidValueException {
    if (!text.startsWith("$")) {
      throw new InvalidValueException(
          "'" + text + "' is not a JSON path: expected it to start with '$', like $.user.id");
    }
    StringBuilder regex = new StringBuilder(Pattern.quote("$"));
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (text.startsWith("..", i)) {
        regex.append(STEP).append('*');
        i += 1; // the second dot starts the next member
        if (i + 1 >= text.length()) {
          throw invalid(text, "'..' must be followed by a field name or *");
        }
        i = member(text, i, regex, true);
      } else if (c == '.') {
        i = member(text, i, regex, false);
      } else if (c == '[') {
        i = bracket(text, i, regex);
      } else {
        throw invalid(text, "unexpected '" + c + "' at character " + (i + 1));
      }
    }
    return new PathPattern(text, Pattern.compile(regex.toString()));
  }

  /** True when {@code path}, as the body diff renders it, is one this pattern names. */
  public boolean matches(FieldPath path) {
    return regex.matcher(path.text()).matches();
  }

  private static int member(String text, int dot, StringBuilder regex, boolean afterDescent)
      throws InvalidValueException {
    int end = dot + 1;
    while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
      end++;
    }
    String name = text.substring(dot + 1, end);
    if (name.isEmpty()) {
      if (afterDescent && end < text.length() && text.charAt(end) == '[') {
        return end; // $..[0]: any depth, then the bracket step
      }
      throw invalid(text, "empty field name at character " + (dot + 2));
    }
    regex.append(name.equals("*") ? STEP : literal(name));
    return end;
  }

  private static int bracket(String text, int open, StringBuilder regex)
      throws InvalidValueException {
    int close = text.indexOf(']', open);
    if (close < 0) {
      throw invalid(text, "'[' at character " + (open + 1) + " is never closed");
    }
    String inside = text.substring(open + 1, close).strip();
    if (inside.equals("*")) {
      regex.append(STEP);
    } else if (inside.matches("[0-9]+")) {
      regex.append(Pattern.quote("[" + Integer.parseInt(inside) + "]"));
    } else if (inside.length() >= 2
        && (inside.startsWith("'") && inside.endsWith("'")
            || inside.startsWith("\"") && inside.endsWith("\""))) {
      regex.append(literal(inside.substring(1, inside.length() - 1)));
    } else {
      throw invalid(
          text, "'[" + inside + "]': expected an index, * or a quoted name like ['content-type']");
    }
    return close + 1;
  }

  /** A member named exactly {@code name}, written as the body diff writes it. */
  private static String literal(String name) {
    return Pattern.quote(JsonTreeDiff.ROOT.field(name).text().substring(1));
  }

  private static InvalidValueException invalid(String text, String why) {
    return new InvalidValueException("JSON path '" + text + "': " + why);
  }
}
