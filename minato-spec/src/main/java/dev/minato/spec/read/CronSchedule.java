package dev.minato.spec.read;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a CronJob schedule the way Kubernetes' parser accepts it: five fields (minute, hour,
 * day of month, month, day of week) with lists, ranges, steps and names, or one of the macros.
 */
final class CronSchedule {

  private static final Set<String> MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private record Field(String name, int min, int max, List<String> names) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, List.of()),
          new Field("hour", 0, 23, List.of()),
          new Field("day of month", 1, 31, List.of()),
          new Field(
              "month",
              1,
              12,
              List.of(
                  "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                  "DEC")),
          new Field("day of week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")));

  private static final Map<String, String> TIMEZONE_HINT =
      Map.of("CRON_TZ=", "CRON_TZ", "TZ=", "TZ");

  private CronSchedule() {}

  /** Empty when valid; otherwise what is wrong with it. */
  static Optional<String> problem(String schedule) {
    String s = schedule.strip();
    for (Map.Entry<String, String> prefix : TIMEZONE_HINT.entrySet()) {
      if (s.startsWith(prefix.getKey())) {
        return Optional.of(
            prefix.getValue() + " in a schedule is not supported by Kubernetes; use timeZone");
      }
    }
    if (s.startsWith("@")) {
      return MACROS.contains(s)
          ? Optional.empty()
          : Optional.of(
              "unknown macro '"
                  + s
                  + "'; expected one of "
                  + String.join(", ", MACROS.stream().sorted().toList()));
    }
    String[] parts = s.split("\\s+");
    if (parts.length != 5) {
      return Optional.of(
          "expected 5 fields (minute hour day-of-month month day-of-week), found "
              + parts.length
              + ", e.g. '30 2 * * *' for 02:30 every day");
    }
    for (int i = 0; i < 5; i++) {
      Optional<String> problem = fieldProblem(parts[i], FIELDS.get(i));
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fieldProblem(String text, Field field) {
    for (String item : text.split(",", -1)) {
      String range = item;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        Integer step = number(item.substring(slash + 1));
        if (step == null || step < 1) {
          return Optional.of(field.name() + ": invalid step in '" + item + "'");
        }
      }
      if (range.equals("*") || range.equals("?")) {
        continue;
      }
      String[] bounds = range.split("-", -1);
      if (bounds.length > 2) {
        return Optional.of(field.name() + ": invalid range '" + range + "'");
      }
      Integer low = value(bounds[0], field);
      Integer high = bounds.length == 2 ? value(bounds[1], field) : low;
      if (low == null || high == null) {
        return Optional.of(
            field.name()
                + ": '"
                + item
                + "' is not a value from "
                + field.min()
                + " to "
                + field.max()
                + (field.names().isEmpty() ? "" : " or a name such as " + field.names().get(0)));
      }
      if (low > high) {
        return Optional.of(field.name() + ": range '" + range + "' runs backwards");
      }
    }
    return Optional.empty();
  }

  private static Integer value(String text, Field field) {
    int named = field.names().indexOf(text.toUpperCase(java.util.Locale.ROOT));
    if (named >= 0) {
      return named + field.min();
    }
    Integer n = number(text);
    return n != null && n >= field.min() && n <= field.max() ? n : null;
  }

  private static Integer number(String text) {
    if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.parseInt(text);
  }
}
