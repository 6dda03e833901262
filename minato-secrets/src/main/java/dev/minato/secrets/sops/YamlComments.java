package dev.minato.secrets.sops;

import dev.minato.manifest.JsonPointers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The comments of a YAML document, kept as SOPS keeps them (stores/yaml/store.go): each comment
 * line is an item of the mapping or list it stands in, placed before the entry it precedes. A
 * comment at the end of a line ({@code key: value # why}) is placed before that entry, where SOPS
 * writes it too. The text is what follows {@code #}.
 *
 * <p>Keyed by the JSON pointer of the container ({@code ""} for the top level), then by the index
 * of the entry the comments precede; the container's size indexes the comments after its last
 * entry.
 */
public record YamlComments(Map<String, SortedMap<Integer, List<String>>> byContainer) {

  private static final YamlComments NONE = new YamlComments(Map.of());

  public YamlComments {
    Map<String, SortedMap<Integer, List<String>>> copy = new TreeMap<>();
    byContainer.forEach(
        (pointer, slots) -> {
          SortedMap<Integer, List<String>> slotCopy = new TreeMap<>();
          slots.forEach(
              (slot, lines) -> {
                if (!lines.isEmpty()) {
                  slotCopy.put(slot, List.copyOf(lines));
                }
              });
          if (!slotCopy.isEmpty()) {
            copy.put(pointer, java.util.Collections.unmodifiableSortedMap(slotCopy));
          }
        });
    byContainer = java.util.Collections.unmodifiableMap(copy);
  }

  public static YamlComments none() {
    return NONE;
  }

  public boolean isEmpty() {
    return byContainer.isEmpty();
  }

  /** The comment lines before entry {@code slot} of the container at {@code pointer}. */
  public List<String> before(String pointer, int slot) {
    return byContainer.getOrDefault(pointer, new TreeMap<>()).getOrDefault(slot, List.of());
  }

  /**
   * The comments of the first document of {@code text}, which must already have been read as YAML
   * (its errors are reported there, with their position).
   */
  public static YamlComments read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(true);
    options.setCodePointLimit(Integer.MAX_VALUE);
    Parser parser = new ParserImpl(new StreamReader(text), options);
    return new Collector().collect(parser);
  }

  /** A mapping or list being read. */
  private static final class Frame {
    final String pointer;
    final boolean mapping;

    /** Where the container's entries start: a comment left of it after them is not its own. */
    final int column;

    int entries;
    boolean awaitingValue;
    String key;

    Frame(String pointer, boolean mapping, int column) {
      this.pointer = pointer;
      this.mapping = mapping;
      this.column = column;
    }

    /** The pointer of the entry being read in this container. */
    String child() {
      return mapping ? JsonPointers.child(pointer, key) : JsonPointers.child(pointer, entries);
    }
  }

  /** A comment line waiting for the entry it precedes, with the column its {@code #} is at. */
  private record Comment(String text, int column) {}

  /** Walks the parser's events, placing each comment before the entry that follows it. */
  private static final class Collector {
    private final Map<String, SortedMap<Integer, List<String>>> found = new TreeMap<>();
    private final Deque<Frame> open = new ArrayDeque<>();
    private final List<Comment> pending = new ArrayList<>();
    private int rootEntries;

    YamlComments collect(Parser parser) {
      while (true) {
        Event event = parser.getEvent();
        if (event instanceof CommentEvent comment) {
          comment(comment);
        } else if (event instanceof CollectionStartEvent) {
          Frame parent = open.peek();
          String pointer = parent == null ? "" : parent.child();
          Frame frame =
              new Frame(
                  pointer, event instanceof MappingStartEvent, event.getStartMark().getColumn());
          open.push(frame);
          flush(frame, 0);
        } else if (event instanceof CollectionEndEvent) {
          Frame frame = open.pop();
          // The scanner reports comments after a block's last entry before the block's end: those
          // indented less than its entries belong to an outer block, after this one.
          List<Comment> inner = new ArrayList<>();
          while (!pending.isEmpty() && pending.get(0).column() >= frame.column) {
            inner.add(pending.remove(0));
          }
          inner.forEach(c -> slot(frame.pointer, frame.entries).add(c.text()));
          if (open.isEmpty()) {
            rootEntries = frame.entries;
          } else {
            entryDone(open.peek());
          }
        } else if (event instanceof ScalarEvent || event instanceof AliasEvent) {
          Frame frame = open.peek();
          if (frame == null) {
            continue;
          }
          flush(frame, frame.entries);
          if (frame.mapping && !frame.awaitingValue) {
            frame.key = event instanceof ScalarEvent scalar ? scalar.getValue() : "";
            frame.awaitingValue = true;
          } else {
            entryDone(frame);
          }
        } else if (event instanceof DocumentEndEvent || event instanceof StreamEndEvent) {
          if (!pending.isEmpty()) {
            pending.forEach(c -> slot("", rootEntries).add(c.text()));
            pending.clear();
          }
          break; // SOPS files hold one document
        }
      }
      return new YamlComments(found);
    }

    private void comment(CommentEvent comment) {
      if (comment.getCommentType() == CommentType.BLANK_LINE) {
        return;
      }
      Frame frame = open.peek();
      // A comment at the end of an entry's line goes before that entry, as SOPS places it.
      if (comment.getCommentType() == CommentType.IN_LINE
          && frame != null
          && !frame.awaitingValue
          && frame.entries > 0) {
        slot(frame.pointer, frame.entries - 1).add(comment.getValue());
        return;
      }
      pending.add(new Comment(comment.getValue(), comment.getStartMark().getColumn()));
    }

    private void entryDone(Frame frame) {
      frame.entries++;
      frame.awaitingValue = false;
    }

    private void flush(Frame frame, int entry) {
      if (!pending.isEmpty()) {
        pending.forEach(c -> slot(frame.pointer, entry).add(c.text()));
        pending.clear();
      }
    }

    private List<String> slot(String pointer, int entry) {
      return found
          .computeIfAbsent(pointer, p -> new TreeMap<>())
          .computeIfAbsent(entry, e -> new ArrayList<>());
    }
  }
}
