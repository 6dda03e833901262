package dev.minato.check.suppression;

import dev.minato.manifest.SourcePosition;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ignore.minato.dev/<rule-id>} annotation as written, before it is known to be valid.
 * {@link #parse()} either yields a {@link Suppression} or says what is wrong with it.
 */
public record SuppressionAnnotation(
    String ruleId, String value, String pointer, SourcePosition position) {

  /** The annotation key prefix; the rest of the key is the rule id. */
  public static final String PREFIX = "ignore.minato.dev/";

  private static final Pattern UNTIL = Pattern.compile("^(.*?)\\s*\\buntil\\s+(\\S+)\\s*$");

  /** The parsed suppression, or why it cannot be honoured. */
  public sealed interface Parsed permits Valid, Invalid {}

  public record Valid(Suppression suppression) implements Parsed {}

  public record Invalid(String problem) implements Parsed {}

  public Parsed parse() {
    String text = value.strip();
    String reason = text;
    Optional<LocalDate> until = Optional.empty();
    Matcher matcher = UNTIL.matcher(text);
    if (matcher.matches()) {
      reason = matcher.group(1).strip();
      try {
        until = Optional.of(LocalDate.parse(matcher.group(2)));
      } catch (DateTimeParseException e) {
        return new Invalid(
            "expiry '" + matcher.group(2) + "' is not a date; write 'until YYYY-MM-DD'");
      }
    }
    if (reason.isEmpty()) {
      return new Invalid(
          "a reason is required, e.g. \"legacy image writes to /var/cache until 2027-01-31\"");
    }
    return new Valid(new Suppression(ruleId, reason, until, position));
  }
}
