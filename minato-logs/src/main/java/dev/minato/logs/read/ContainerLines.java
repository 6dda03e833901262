package dev.minato.logs.read;

import dev.minato.logs.LogEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a node's container log file line by line, joining the pieces the runtime split a long line
 * into (16 KiB each), per stream, since stdout and stderr pieces interleave. A joined line is read
 * by the application's own format when one is given; otherwise it becomes {@code time}, {@code
 * stream} and {@code log}.
 *
 * <p>Not thread-safe: one instance per file being read. Memory is bounded: a line that grows past
 * {@code maxLineChars} is handed on as it is, and the rest of it follows as further lines, the way
 * Fluent Bit's {@code Buffer_Max_Size} bounds the same join.
 */
public final class ContainerLines {

  /** Fluent Bit's default for the longest line it joins. */
  public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

  private final ContainerRuntime runtime;
  private final Optional<LineParser> inner;
  private final int maxLineChars;
  private final Map<String, Pending> pending = new HashMap<>(4);

  /** The pieces of one stream's line so far, and the time of the first. */
  private static final class Pending {
    final String time;
    final StringBuilder text = new StringBuilder();

    Pending(String time) {
      this.time = time;
    }
  }

  /**
   * @param inner the format of the application's lines inside the container lines, if known
   * @param maxLineChars the longest joined line; longer ones are handed on in parts
   */
  public ContainerLines(ContainerRuntime runtime, Optional<LineParser> inner, int maxLineChars) {
    if (maxLineChars < 1) {
      throw new IllegalArgumentException("maxLineChars must be positive: " + maxLineChars);
    }
    this.runtime = runtime;
    this.inner = inner;
    this.maxLineChars = maxLineChars;
  }

  public ContainerLines(ContainerRuntime runtime, Optional<LineParser> inner) {
    this(runtime, inner, DEFAULT_MAX_LINE_CHARS);
  }

  /**
   * Takes the next line of the file: the reading of the line it completes, its problem if it is not
   * a line of the runtime's format, or nothing while a split line is still being joined.
   */
  public Optional<Reading> accept(String line) {
    ContainerRuntime.Line read = runtime.read(line);
    if (read instanceof ContainerRuntime.Bad bad) {
      return Optional.of(bad.problem());
    }
    ContainerRuntime.Piece piece = (ContainerRuntime.Piece) read;
    Pending open = pending.get(piece.stream());
    if (open == null && !piece.partial()) {
      return Optional.of(complete(piece.time(), piece.stream(), piece.text()));
    }
    if (open == null) {
      open = new Pending(piece.time());
      pending.put(piece.stream(), open);
    }
    open.text.append(piece.text());
    if (piece.partial() && open.text.length() < maxLineChars) {
      return Optional.empty();
    }
    pending.remove(piece.stream());
    return Optional.of(complete(open.time, piece.stream(), open.text.toString()));
  }

  /** The lines still being joined when the file ends (a container stopped mid-line). */
  public List<Reading> finish() {
    List<Reading> rest = new ArrayList<>();
    pending.forEach((stream, open) -> rest.add(complete(open.time, stream, open.text.toString())));
    pending.clear();
    return rest;
  }

  private Reading complete(String time, String stream, String text) {
    if (inner.isEmpty()) {
      LinkedHashMap<String, String> fields = new LinkedHashMap<>(4);
      fields.put("time", time);
      fields.put("stream", stream);
      fields.put("log", text);
      return new Reading.Parsed(new LogEvent(fields));
    }
    Reading reading = inner.get().parse(text);
    if (reading instanceof Reading.Parsed parsed) {
      LinkedHashMap<String, String> fields = new LinkedHashMap<>(parsed.event().fields());
      fields.putIfAbsent("stream", stream);
      fields.putIfAbsent("time", time);
      return new Reading.Parsed(new LogEvent(fields));
    }
    return reading;
  }
}
