package dev.minato.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node of one document came from, as a tree shaped like the document: a mapping's
 * children by key, a sequence's by index. Line and column are packed into one {@code long} per
 * position and pointer strings are only built by the rare lookup, which keeps reading large streams
 * cheap (a string-keyed map of every node cost as much memory as the document itself).
 */
final class PositionTree {

  private static final long NONE = -1;

  private final long value;
  private long key = NONE;
  private Map<String, PositionTree> fields;
  private List<PositionTree> items;

  PositionTree(int line, int column) {
    this.value = pack(line, column);
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

  void addField(String name, long keyPosition, PositionTree child) {
    if (fields == null) {
      fields = new HashMap<>();
    }
    child.key = keyPosition;
    fields.put(name, child);
  }

  void addItem(PositionTree child) {
    if (items == null) {
      items = new ArrayList<>();
    }
    items.add(child);
  }

  long value() {
    return value;
  }

  long key() {
    return key == NONE ? value : key;
  }

  /** The child named by one unescaped pointer token, or null. */
  PositionTree child(String token) {
    if (fields != null) {
      return fields.get(token);
    }
    if (items != null
        && !token.isEmpty()
        && token.chars().allMatch(Character::isDigit)
        && token.length() < 10) {
      int index = Integer.parseInt(token);
      return index < items.size() ? items.get(index) : null;
    }
    return null;
  }
}
