package dev.minato.logs.read;

/**
 * Reads one line of a log format. Implementations are stateless and thread-safe; one parser serves
 * any number of lines.
 */
public interface LineParser {

  /**
   * The event {@code line} holds, or the problem with it. Never throws for bad input; a trailing
   * carriage return (a CRLF file) is not part of the line.
   */
  Reading parse(String line);

  /** The line without one trailing {@code \r}. */
  static String withoutCarriageReturn(String line) {
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line;
  }
}
