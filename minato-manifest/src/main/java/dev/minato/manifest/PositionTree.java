package dev.minato.manifest;

import java.util.Arrays;

/**
 * Where the children of one mapping or sequence came from, as a tree shaped like the document.
 *
 * <p>Reading keeps every parsed document alive until all of them are checked, so this is laid out
 * for memory: line and column are packed into one {@code long}, a container's children live in
 * parallel arrays, and only children that are themselves containers get a tree of their own. Most
 * nodes are scalars, and a map entry plus a tree object per scalar cost as much as the document
 * itself. Lookups (only when something is reported) scan a mapping's keys linearly, which is cheap
 * for the sizes Kubernetes objects have.
 */
final class PositionTree {

  private static final int FIRST_CAPACITY = 4;

  private final long value;

  /** Mapping keys in document order; null for a sequence. Shares the strings of the node tree. */
  private String[] names;

  /** Where each key is (mappings only). */
  private long[] keys;

  /** Where each child's value is. */
  private long[] values;

  /** Each child's own tree when it is a container; allocated with the first container child. */
  private PositionTree[] subtrees;

  private int size;

  PositionTree(long value) {
    this.value = value;
  }

  static long pack(int line, int column) {
    return ((long) line << 32) | (column & 0xffffffffL);
  }

  static int line(long packed) {
    return (int) (packed >>> 32);
  }

  static int column(long packed) {
    return (int) packed;
  }

  /** Where this container itself starts. */
  long value() {
    return value;
  }

  /**
   * Records a mapping entry; {@code subtree} is the value's tree when it is a container, else null.
   */
  void addField(String name, long keyPosition, long valuePosition, PositionTree subtree) {
    if (names == null) {
      names = new String[FIRST_CAPACITY];
      keys = new long[FIRST_CAPACITY];
    } else if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
    }
    names[size] = name;
    keys[size] = keyPosition;
    add(valuePosition, subtree);
  }

  /** Records a sequence item; {@code subtree} as for {@link #addField}. */
  void addItem(long valuePosition, PositionTree subtree) {
    add(valuePosition, subtree);
  }

  private void add(long valuePosition, PositionTree subtree) {
    if (values == null) {
      values = new long[FIRST_CAPACITY];
    } else if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size] = valuePosition;
    if (subtree != null) {
      if (subtrees == null) {
        subtrees = new PositionTree[values.length];
      } else if (subtrees.length < values.length) {
        subtrees = Arrays.copyOf(subtrees, values.length);
      }
      subtrees[size] = subtree;
    }
    size++;
  }

  /** The index of the child named by one unescaped pointer token, or -1. */
  int indexOf(String token) {
    if (names != null) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(token)) {
          return i;
        }
      }
      return -1;
    }
    if (!token.isEmpty() && token.length() < 10 && token.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(token);
      return index < size ? index : -1;
    }
    return -1;
  }

  /** Where the key of child {@code index} is; a sequence item's key is its value. */
  long keyAt(int index) {
    return names == null ? values[index] : keys[index];
  }

  long valueAt(int index) {
    return values[index];
  }

  /** The tree of child {@code index}, or null when that child is a scalar. */
  PositionTree subtreeAt(int index) {
    return subtrees == null || index >= subtrees.length ? null : subtrees[index];
  }
}
