package dev.minato.shadow.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The times access logs write: nginx's {@code $time_local} ({@code 30/Nov/2026:20:01:02 +0000}, in
 * brackets or not), ISO 8601 with an offset ({@code 2026-11-30T20:01:02.123Z}, ALB, HAR and {@code
 * $time_iso8601}) and Unix seconds ({@code 1764532862.123}, {@code $msec}). Not thread-safe: it
 * remembers the last text it read, since consecutive lines mostly share their second.
 */
final class LogTimes {

  private static final DateTimeFormatter NGINX =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private String lastText;
  private Optional<Instant> lastTime = Optional.empty();

  Optional<Instant> parse(String raw) {
    if (raw.equals(lastText)) {
      return lastTime;
    }
    lastText = raw;
    lastTime = read(raw);
    return lastTime;
  }

  private static Optional<Instant> read(String raw) {
    String text = raw.strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    char first = text.charAt(0);
    try {
      if (text.length() > 2 && text.charAt(2) == '/') {
        return Optional.of(OffsetDateTime.parse(text, NGINX).toInstant());
      }
      if (text.length() > 4 && text.charAt(4) == '-') {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      }
      if (Character.isDigit(first)) {
        BigDecimal seconds = new BigDecimal(text);
        return Optional.of(
            Instant.ofEpochSecond(
                seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue()));
      }
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
