package dev.minato.logs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One log line read into labelled fields, in the order the line had them. Every reader produces
 * this, masking rules turn one into another, and every writer prints one; keeping the order is what
 * lets an LTSV line come back out with its labels where they were.
 *
 * @param fields the labels and their values, in line order; never null, no null values
 */
public record LogEvent(Map<String, String> fields) {

  public LogEvent {
    Objects.requireNonNull(fields, "fields");
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(fields.size() * 2);
    fields.forEach(
        (label, value) ->
            copy.put(
                Objects.requireNonNull(label, "label"),
                Objects.requireNonNull(value, () -> "value of " + label)));
    fields = Collections.unmodifiableMap(copy);
  }

  /** The value of {@code label}, if the line had it. */
  public Optional<String> get(String label) {
    return Optional.ofNullable(fields.get(label));
  }

  /** This event with {@code label} set to {@code value}, in place when present, else appended. */
  public LogEvent with(String label, String value) {
    LinkedHashMap<String, String> changed = new LinkedHashMap<>(fields);
    changed.put(label, value);
    return new LogEvent(changed);
  }
}
