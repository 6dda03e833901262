package dev.minato.logs.mask;

import java.util.Arrays;

/**
 * The spans of one value that value rules found, and which rule found each. Allocates nothing until
 * the first match: most values have none.
 */
final class Matches {

  private int[] spans; // start, end, rule; three ints per match
  private int size;

  /** Records that {@code rule} found {@code [start, end)}. Empty spans are ignored. */
  void add(int start, int end, int rule) {
    if (end <= start) {
      return;
    }
    if (spans == null) {
      spans = new int[12];
    } else if (size * 3 == spans.length) {
      spans = Arrays.copyOf(spans, spans.length * 2);
    }
    spans[size * 3] = start;
    spans[size * 3 + 1] = end;
    spans[size * 3 + 2] = rule;
    size++;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * The matches that are kept, in text order, as {@code start, end, rule} triples: where two
   * overlap, the one that starts first wins, and of two that start together the longer.
   */
  int[] resolved() {
    // Insertion sort of match indices: a value holds a handful of matches, and boxing them for
    // Arrays.sort cost more than the sort.
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      int j = i;
      while (j > 0 && before(i, order[j - 1])) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    int[] kept = new int[size * 3];
    int count = 0;
    int end = 0;
    for (int i : order) {
      if (spans[i * 3] >= end) {
        System.arraycopy(spans, i * 3, kept, count * 3, 3);
        end = spans[i * 3 + 1];
        count++;
      }
    }
    return count == size ? kept : Arrays.copyOf(kept, count * 3);
  }

  /** Whether match {@code a} sorts before {@code b}: it starts first, or as early and is longer. */
  private boolean before(int a, int b) {
    int byStart = Integer.compare(spans[a * 3], spans[b * 3]);
    return byStart != 0 ? byStart < 0 : spans[a * 3 + 1] > spans[b * 3 + 1];
  }
}
