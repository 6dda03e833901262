package dev.minato.logs;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One log line read into labelled fields, in the order the line had them. Every reader produces
 * this, masking rules turn one into another, and every writer prints one; keeping the order is what
 * lets an LTSV line come back out with its labels where they were.
 *
 * <p>The fields are held as two arrays (labels, values) behind an immutable map: the filter loop
 * reads, masks and writes millions of events, and {@link #builder}, {@link #label}, {@link #value}
 * and {@link #withValues} let it do so without a hash map per line.
 *
 * @param fields the labels and their values, in line order; never null, no null values
 */
public record LogEvent(Map<String, String> fields) {

  public LogEvent {
    Objects.requireNonNull(fields, "fields");
    if (!(fields instanceof Fields)) {
      String[] labels = new String[fields.size()];
      String[] values = new String[labels.length];
      int i = 0;
      for (Map.Entry<String, String> field : fields.entrySet()) {
        String label = Objects.requireNonNull(field.getKey(), "label");
        labels[i] = label;
        values[i] = Objects.requireNonNull(field.getValue(), () -> "value of " + label);
        i++;
      }
      fields = new Fields(labels, values);
    }
  }

  /** A builder for an event of about {@code expected} fields. */
  public static Builder builder(int expected) {
    return new Builder(expected);
  }

  /** How many fields the event has. */
  public int size() {
    return ((Fields) fields).labels.length;
  }

  /** The label of the {@code index}th field, in line order. */
  public String label(int index) {
    return ((Fields) fields).labels[index];
  }

  /** The value of the {@code index}th field, in line order. */
  public String value(int index) {
    return ((Fields) fields).values[index];
  }

  /** The value of {@code label}, if the line had it. */
  public Optional<String> get(String label) {
    return Optional.ofNullable(fields.get(label));
  }

  /** This event with {@code label} set to {@code value}, in place when present, else appended. */
  public LogEvent with(String label, String value) {
    Objects.requireNonNull(value, "value");
    Fields current = (Fields) fields;
    int at = current.indexOf(label);
    if (at >= 0) {
      String[] values = current.values.clone();
      values[at] = value;
      return new LogEvent(new Fields(current.labels, values));
    }
    String[] labels = Arrays.copyOf(current.labels, current.labels.length + 1);
    String[] values = Arrays.copyOf(current.values, labels.length);
    labels[labels.length - 1] = Objects.requireNonNull(label, "label");
    values[values.length - 1] = value;
    return new LogEvent(new Fields(labels, values));
  }

  /**
   * This event with the same labels and {@code values} (one per field, in order): what masking
   * makes, sharing the labels instead of copying a map.
   */
  public LogEvent withValues(String[] values) {
    Fields current = (Fields) fields;
    if (values.length != current.labels.length) {
      throw new IllegalArgumentException(
          values.length + " values for " + current.labels.length + " fields");
    }
    String[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      int field = i;
      Objects.requireNonNull(copy[i], () -> "value of " + current.labels[field]);
    }
    return new LogEvent(new Fields(current.labels, copy));
  }

  /** Collects fields in order; a label may be added once. Not thread-safe; use once. */
  public static final class Builder {

    private String[] labels;
    private String[] values;
    private int size;
    private Set<String> seen; // the labels so far, once there are too many to scan

    private Builder(int expected) {
      labels = new String[Math.max(expected, 4)];
      values = new String[labels.length];
    }

    /** Adds a field; false (and nothing added) when {@code label} is already there. */
    public boolean add(String label, String value) {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, () -> "value of " + label);
      if (seen != null) {
        if (!seen.add(label)) {
          return false;
        }
      } else {
        for (int i = 0; i < size; i++) {
          if (labels[i].equals(label)) {
            return false;
          }
        }
        if (size == Fields.SCAN_LIMIT) {
          seen = new HashSet<>(Arrays.asList(labels).subList(0, size));
          seen.add(label);
        }
      }
      if (size == labels.length) {
        labels = Arrays.copyOf(labels, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      labels[size] = label;
      values[size] = value;
      size++;
      return true;
    }

    /** How many fields were added. */
    public int size() {
      return size;
    }

    /** The event; the builder must not be used after. */
    public LogEvent build() {
      return new LogEvent(
          new Fields(
              size == labels.length ? labels : Arrays.copyOf(labels, size),
              size == values.length ? values : Arrays.copyOf(values, size)));
    }
  }
}
