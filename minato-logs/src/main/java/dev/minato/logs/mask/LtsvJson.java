package dev.minato.logs.mask;

import dev.minato.logs.read.LtsvParser;
import dev.minato.logs.write.ByteSink;
import dev.minato.logs.write.JsonBytes;
import dev.minato.logs.write.JsonLinesWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * LTSV lines to masked JSON lines, from the input's bytes to the output's: the same bytes as {@link
 * LtsvParser}, {@link Masker#mask} and {@link JsonLinesWriter} encoded in UTF-8 write, without a
 * string per line or per field, an event, or text widened to UTF-16 and encoded back. A value is
 * read once, for the tab that ends it, the characters it holds ({@link Needs}) and whether it needs
 * escaping; a value no rule can change is copied as it is. Only a value a rule may change becomes a
 * string for the finders, and only a value that is not ASCII takes the text path whole.
 *
 * <p>A line this does not handle exactly (any LTSV problem, a label that is not ASCII, more
 * distinct labels than it remembers) is left to the event path: {@link #write} writes nothing and
 * returns false. Not thread-safe: one per stream.
 */
public final class LtsvJson {

  private static final int SLOTS = 1024;
  private static final int MAX_LABELS = SLOTS / 2;

  /** Characters below 64 that JSON escapes: the controls and the quote. */
  private static final long ESCAPED_LOW = 0xFFFF_FFFFL | 1L << '"';

  /** The backslash, the one character from 64 to 127 that JSON escapes. */
  private static final long ESCAPED_HIGH = 1L << ('\\' - 64);

  private final Masker masker;
  private final Label[] table = new Label[SLOTS];
  private int labels;
  private long lines;

  /** A label seen before: its text, its JSON key, what masking does to its values. */
  private static final class Label {
    final byte[] text;
    final String name;
    final byte[] key; // "name":
    final Masker.Plan plan;
    final byte[] redaction; // the key rule's replacement as a JSON string, when it redacts
    long line; // the last line it was seen on, to find a label written twice

    Label(byte[] text, Masker masker) {
      this.text = text;
      this.name = new String(text, StandardCharsets.ISO_8859_1);
      ByteSink json = new ByteSink(text.length + 8);
      JsonBytes.string(name, json);
      json.write(':');
      this.key = Arrays.copyOf(json.array(), json.size());
      this.plan = masker.plan(name);
      this.redaction =
          plan.keyRule() < 0 ? null : masker.redaction(plan).map(LtsvJson::json).orElse(null);
    }
  }

  public LtsvJson(Masker masker) {
    this.masker = masker;
  }

  /**
   * Writes the masked JSON object of the LTSV line {@code bytes[from, to)} (without its line end)
   * to {@code out}; false, with nothing written, when the line is left to the event path.
   */
  public boolean write(byte[] bytes, int from, int to, ByteSink out) {
    int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
    if (end == from) {
      return false;
    }
    int mark = out.size();
    long line = ++lines;
    boolean first = true;
    out.write('{');
    int start = from;
    while (start <= end) {
      int i = start;
      int hash = 0;
      int any = 0;
      byte c = 0;
      while (i < end && (c = bytes[i]) != ':' && c != '\t') {
        hash = 31 * hash + c;
        any |= c;
        i++;
      }
      if (i == end || c == '\t') {
        if (i == start) {
          start = i + 1; // an empty field: skipped
          continue;
        }
        return undo(out, mark); // a field without ':'
      }
      Label label = i == start || any < 0 ? null : label(bytes, start, i, hash);
      if (label == null || label.line == line) {
        return undo(out, mark); // no label, not ASCII, too many labels, or written twice
      }
      label.line = line;
      if (!first) {
        out.write(',');
      }
      first = false;
      out.write(label.key);
      start = value(bytes, i + 1, end, label, out) + 1;
    }
    if (first) {
      return undo(out, mark); // tabs only
    }
    out.write('}');
    return true;
  }

  /** Writes the value starting at {@code from} as masking leaves it; returns where it ends. */
  private int value(byte[] bytes, int from, int end, Label label, ByteSink out) {
    Masker.Plan plan = label.plan;
    if (plan.searches()) {
      return searched(bytes, from, end, label, out);
    }
    int any = 0;
    boolean escapes = false;
    int to = from;
    for (; to < end; to++) {
      int c = bytes[to];
      if (c == '\t') {
        break;
      }
      any |= c;
      escapes |= c < 0x20 | c == '"' | c == '\\';
    }
    if (plan.keyRule() < 0) {
      if (any < 0) {
        text(bytes, from, to, label, out);
      } else {
        JsonBytes.ascii(bytes, from, to, escapes, out);
      }
    } else if (label.redaction != null) {
      out.write(label.redaction);
    } else {
      String value = new String(bytes, from, to - from, StandardCharsets.UTF_8);
      JsonBytes.string(masker.applyKeyRule(plan, value), out);
    }
    return to;
  }

  /**
   * A value value rules look at: read once for its tab and the characters it holds (branch-free:
   * which of the two masks a character goes to depends on the text, which a branch predictor cannot
   * guess), then searched only when a rule may find something in it.
   */
  private int searched(byte[] bytes, int from, int end, Label label, ByteSink out) {
    long low = 0;
    long high = 0;
    int digits = 0;
    int any = 0;
    int to = from;
    for (; to < end; to++) {
      int c = bytes[to];
      if (c == '\t') {
        break;
      }
      any |= c;
      long bit = 1L << c;
      long below64 = (c - 64) >> 31; // all ones when c < 64
      low |= bit & below64;
      high |= bit & ~below64;
      digits += (((c - '0') | ('9' - c)) >>> 31) ^ 1;
    }
    if (any < 0) {
      text(bytes, from, to, label, out);
      return to;
    }
    boolean escapes = (low & ESCAPED_LOW) != 0 || (high & ESCAPED_HIGH) != 0;
    Needs.Held held = new Needs.Held(low, high, digits);
    if (to > from && masker.mayFind(label.plan, held)) {
      String value = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
      String masked = masker.search(label.plan, value, held);
      if (masked != value) {
        JsonBytes.string(masked, out);
        return to;
      }
    }
    JsonBytes.ascii(bytes, from, to, escapes, out);
    return to;
  }

  /** A value that is not ASCII: decoded (malformed bytes replaced) and masked as text. */
  private void text(byte[] bytes, int from, int to, Label label, ByteSink out) {
    String value = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    JsonBytes.string(masker.maskValue(label.name, value), out);
  }

  /** The label {@code bytes[from, to)}, ASCII, remembered; null when too many are. */
  private Label label(byte[] bytes, int from, int to, int hash) {
    int length = to - from;
    for (int probe = hash ^ (hash >>> 16), n = 0; n < SLOTS; probe++, n++) {
      int slot = probe & (SLOTS - 1);
      Label known = table[slot];
      if (known == null) {
        if (labels == MAX_LABELS) {
          return null;
        }
        Label label = new Label(Arrays.copyOfRange(bytes, from, to), masker);
        table[slot] = label;
        labels++;
        return label;
      }
      if (known.text.length == length && Arrays.equals(known.text, 0, length, bytes, from, to)) {
        return known;
      }
    }
    return null;
  }

  private static boolean undo(ByteSink out, int mark) {
    out.truncate(mark);
    return false;
  }

  private static byte[] json(String text) {
    ByteSink json = new ByteSink(text.length() + 2);
    JsonBytes.string(text, json);
    return Arrays.copyOf(json.array(), json.size());
  }
}
