package dev.minato.release.edit;

import dev.minato.manifest.SourcePosition;

/** A file's text with its positions (1-based line, column in code points) turned into offsets. */
record SourceText(String text) {

  /** The character offset of {@code position} in the text. */
  int offset(SourcePosition position) {
    int start = 0;
    for (int line = 1; line < position.line(); line++) {
      int newline = text.indexOf('\n', start);
      if (newline < 0) {
        return text.length();
      }
      start = newline + 1;
    }
    return text.offsetByCodePoints(start, position.column() - 1);
  }

  int lineStart(int offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
  }

  int lineEnd(int offset) {
    int newline = text.indexOf('\n', offset);
    return newline < 0 ? text.length() : newline;
  }

  /** The line from {@code offset} on, without a trailing comment. */
  String restOfLine(int offset) {
    String rest = text.substring(offset, lineEnd(offset));
    int comment = rest.startsWith("#") ? 0 : rest.indexOf(" #");
    return comment < 0 ? rest : rest.substring(0, comment);
  }

  /**
   * The end of the scalar starting at {@code start}, in the three styles an image reference is
   * written in: double-quoted (escapes skipped), single-quoted ({@code ''} is a quote), or plain
   * (up to the end of the line, a comment, or the end of a flow collection), trailing blanks
   * excluded.
   */
  int scalarEnd(int start) {
    char first = text.charAt(start);
    if (first == '"') {
      int i = start + 1;
      while (i < text.length() && text.charAt(i) != '"') {
        i += text.charAt(i) == '\\' ? 2 : 1;
      }
      return Math.min(i + 1, text.length());
    }
    if (first == '\'') {
      int i = start + 1;
      while (i < text.length()) {
        if (text.charAt(i) == '\'') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
            i += 2;
            continue;
          }
          return i + 1;
        }
        i++;
      }
      return text.length();
    }
    int end = lineEnd(start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == ','
          || c == '}'
          || c == ']'
          || (c == '#' && i > start && text.charAt(i - 1) == ' ')) {
        end = i;
        break;
      }
    }
    while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return end;
  }

  /** {@code value} written in the quoting style of {@code original}. */
  static String quotedLike(String original, String value) {
    if (original.startsWith("\"")) {
      return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (original.startsWith("'")) {
      return "'" + value.replace("'", "''") + "'";
    }
    return plainOrQuoted(value);
  }

  /** A plain scalar when YAML reads it back as the same string, else double-quoted. */
  static String plainOrQuoted(String value) {
    boolean plain =
        !value.isEmpty()
            && value.matches("[A-Za-z0-9._/@:+-]+")
            && !value.contains(": ")
            && Character.isLetterOrDigit(value.charAt(0));
    return plain ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  SourceText replace(int start, int end, String replacement) {
    return new SourceText(text.substring(0, start) + replacement + text.substring(end));
  }
}
