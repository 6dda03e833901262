package dev.minato.logs;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The immutable, ordered field map of a {@link LogEvent}: two arrays, labels and values. A log line
 * has a handful of fields and is read, masked and written once, so arrays beat a hash map both in
 * what they cost to build and to walk; lookups by label scan, and only a wide event (many JSON
 * keys) gets a hash index, built on first use.
 */
final class Fields extends AbstractMap<String, String> {

  /** Above this many fields a lookup goes through a hash index instead of a scan. */
  static final int SCAN_LIMIT = 16;

  final String[] labels;
  final String[] values;
  private Map<String, Integer> index;

  /** Takes the arrays as they are: callers hand over arrays nobody else holds. */
  Fields(String[] labels, String[] values) {
    this.labels = labels;
    this.values = values;
  }

  int indexOf(Object label) {
    if (labels.length > SCAN_LIMIT) {
      if (index == null) {
        Map<String, Integer> built = new HashMap<>(labels.length * 2);
        for (int i = 0; i < labels.length; i++) {
          built.put(labels[i], i);
        }
        index = built;
      }
      Integer at = index.get(label);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i].equals(label)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public boolean containsKey(Object label) {
    return indexOf(label) >= 0;
  }

  @Override
  public String get(Object label) {
    int at = indexOf(label);
    return at < 0 ? null : values[at];
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return labels.length;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < labels.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= labels.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, String> entry =
                new AbstractMap.SimpleImmutableEntry<>(labels[next], values[next]);
            next++;
            return entry;
          }
        };
      }
    };
  }
}
