package dev.minato.logs.write;

import java.util.Arrays;

/**
 * A growable array of bytes that output lines are written into, reused for every line: the byte
 * path of a filter ({@code LtsvJson}) writes JSON straight from the input's bytes into one, and a
 * filter hands the filled part to its output in large chunks. Not thread-safe.
 */
public final class ByteSink {

  private byte[] bytes;
  private int size;

  public ByteSink(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  /**
   * The array the first {@link #size()} bytes of which were written; valid until the next write.
   */
  public byte[] array() {
    return bytes;
  }

  public int size() {
    return size;
  }

  /** Forgets everything written after the first {@code size} bytes. */
  public void truncate(int size) {
    if (size < 0 || size > this.size) {
      throw new IllegalArgumentException("truncate to " + size + " of " + this.size);
    }
    this.size = size;
  }

  public void write(int b) {
    if (size == bytes.length) {
      grow(1);
    }
    bytes[size++] = (byte) b;
  }

  public void write(byte[] source, int from, int to) {
    int length = to - from;
    if (size + length > bytes.length) {
      grow(length);
    }
    System.arraycopy(source, from, bytes, size, length);
    size += length;
  }

  public void write(byte[] source) {
    write(source, 0, source.length);
  }

  /** Room for {@code more} bytes after the ones written; returns the array to write them into. */
  byte[] reserve(int more) {
    if (size + more > bytes.length) {
      grow(more);
    }
    return bytes;
  }

  /** Counts {@code count} bytes written directly into {@link #reserve}'s array. */
  void advance(int count) {
    size += count;
  }

  private void grow(int more) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
  }
}
