package dev.minato.logs.read;

import dev.minato.logs.LogEvent;
import java.util.LinkedHashMap;

/**
 * nginx's (and Apache's) {@code combined} access log format:
 *
 * <pre>
 * $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
 * </pre>
 *
 * <p>Labels are nginx's variable names. A request line of three words is also split into {@code
 * request_method}, {@code request_uri} and {@code server_protocol} (what a replay needs); a request
 * nginx could not read ({@code "-"}, bytes of a TLS handshake) keeps only {@code request}. Values
 * are kept as logged: nginx writes {@code "} and control bytes as {@code \xHH}, Apache as {@code
 * \"}, and both are skipped over, not decoded. Text after the user agent (a format extended with
 * {@code "$http_x_forwarded_for"}, say) is kept under {@code extra}.
 */
public final class NginxCombinedParser implements LineParser {

  /** Where the cursor is and what has been read; one per line. */
  private static final class Cursor {
    final String line;
    int at;

    Cursor(String line) {
      this.line = line;
    }
  }

  /** Thrown inside one parse only, to stop at the first problem; never escapes {@link #parse}. */
  private static final class Stop extends Exception {
    final int column;

    Stop(int column, String message) {
      super(message, null, false, false);
      this.column = column;
    }
  }

  @Override
  public Reading parse(String raw) {
    Cursor c = new Cursor(LineParser.withoutCarriageReturn(raw));
    LinkedHashMap<String, String> fields = new LinkedHashMap<>(16);
    try {
      fields.put("remote_addr", word(c, "the client address ($remote_addr)"));
      String dash = word(c, "'-' after the client address");
      if (!dash.equals("-")) {
        throw new Stop(c.at - dash.length() + 1, "expected '-' after the client address");
      }
      fields.put("remote_user", word(c, "the user name or '-' ($remote_user)"));
      fields.put("time_local", bracketed(c));
      String request = quoted(c, "the request line in quotes (\"$request\")");
      fields.put("request", request);
      RequestLine.split(request, "request_uri", fields);
      fields.put("status", number(c, "the status code ($status)"));
      fields.put("body_bytes_sent", number(c, "the body size ($body_bytes_sent)"));
      fields.put("http_referer", quoted(c, "the referer in quotes (\"$http_referer\")"));
      fields.put("http_user_agent", quoted(c, "the user agent in quotes (\"$http_user_agent\")"));
      String rest = c.line.substring(c.at).strip();
      if (!rest.isEmpty()) {
        fields.put("extra", rest);
      }
    } catch (Stop stop) {
      return new Reading.Problem(raw, stop.column, stop.getMessage());
    }
    return new Reading.Parsed(new LogEvent(fields));
  }

  private static void skipSpaces(Cursor c) {
    while (c.at < c.line.length() && c.line.charAt(c.at) == ' ') {
      c.at++;
    }
  }

  private static String word(Cursor c, String expected) throws Stop {
    skipSpaces(c);
    int start = c.at;
    while (c.at < c.line.length() && c.line.charAt(c.at) != ' ') {
      c.at++;
    }
    if (c.at == start) {
      throw new Stop(start + 1, "expected " + expected);
    }
    return c.line.substring(start, c.at);
  }

  private static String number(Cursor c, String expected) throws Stop {
    String word = word(c, expected);
    for (int i = 0; i < word.length(); i++) {
      if (!Character.isDigit(word.charAt(i)) && !(word.length() == 1 && word.charAt(0) == '-')) {
        throw new Stop(c.at - word.length() + i + 1, "expected " + expected + ", digits");
      }
    }
    return word;
  }

  private static String bracketed(Cursor c) throws Stop {
    skipSpaces(c);
    if (c.at >= c.line.length() || c.line.charAt(c.at) != '[') {
      throw new Stop(c.at + 1, "expected '[' before the time ([$time_local])");
    }
    int close = c.line.indexOf(']', c.at);
    if (close < 0) {
      throw new Stop(c.line.length() + 1, "expected ']' after the time");
    }
    String time = c.line.substring(c.at + 1, close);
    c.at = close + 1;
    return time;
  }

  private static String quoted(Cursor c, String expected) throws Stop {
    skipSpaces(c);
    if (c.at >= c.line.length() || c.line.charAt(c.at) != '"') {
      throw new Stop(c.at + 1, "expected " + expected);
    }
    int start = c.at + 1;
    for (int i = start; i < c.line.length(); i++) {
      char ch = c.line.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '"') {
        c.at = i + 1;
        return c.line.substring(start, i);
      }
    }
    throw new Stop(c.line.length() + 1, "expected the closing '\"' of " + expected);
  }
}
