package dev.minato.load.stats;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * One shard's HdrHistogram log, as written by {@link IntervalLogWriter}. The text may be a plain
 * log file or a container log that holds one among other lines ({@code kubectl logs} mixes stdout
 * and stderr): only the lines of the log format are kept, from the first {@code #[minato-load
 * format} header on.
 */
public final class ShardLog {

  private static final Pattern HEADER = Pattern.compile("#\\[minato-load (\\w+): (.*)]");
  private static final Pattern INTERVAL =
      Pattern.compile("(Tag=[^,]+,)?\\d+(\\.\\d+)?,\\d+(\\.\\d+)?,\\d+(\\.\\d+)?,\\S+");

  /**
   * Format 1 lacks the exact status codes; 2 has them; 3 ({@link IntervalLogWriter#FORMAT}) adds
   * the per-request results, the errors by kind and the dropped count.
   */
  static final List<String> SUPPORTED_FORMATS = List.of("1", "2", IntervalLogWriter.FORMAT);

  private static final Pattern START = Pattern.compile("#\\[StartTime: (\\d+(?:\\.\\d+)?) .*");

  private final String source;
  private final Map<String, List<String>> header;
  private final String logText;
  private final long startMillis;
  private final Optional<Breakdown> breakdown;

  /** What a format 3 log adds: its totals broken down. */
  private record Breakdown(List<RequestResults> requests, ErrorKinds errors, long dropped) {}

  private ShardLog(
      String source,
      Map<String, List<String>> header,
      String logText,
      long startMillis,
      Optional<Breakdown> breakdown) {
    this.source = source;
    this.header = header;
    this.logText = logText;
    this.startMillis = startMillis;
    this.breakdown = breakdown;
  }

  /** Reads the log in {@code text}; {@code source} names it in messages. */
  public static ShardLog parse(String source, String text) throws ShardLogException {
    Map<String, List<String>> header = new LinkedHashMap<>();
    StringBuilder kept = new StringBuilder();
    boolean started = false;
    boolean ended = false;
    long start = -1;
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      Matcher h = HEADER.matcher(line);
      if (h.matches()) {
        if (h.group(1).equals("format")) {
          if (started) {
            throw new ShardLogException(source + ": holds more than one minato-load log");
          }
          started = true;
        }
        if (started && !ended) {
          header.computeIfAbsent(h.group(1), k -> new ArrayList<>()).add(h.group(2));
          ended = h.group(1).equals("end");
        }
        continue;
      }
      if (started
          && !ended
          && (line.startsWith("#[StartTime: ")
              || line.startsWith("#[Histogram log format version")
              || line.startsWith("#[BaseTime: ")
              || line.startsWith("\"StartTimestamp\"")
              || INTERVAL.matcher(line).matches())) {
        kept.append(line).append('\n');
        Matcher s = START.matcher(line);
        if (s.matches()) {
          start = Math.round(Double.parseDouble(s.group(1)) * 1000);
        }
      }
    }
    if (!started) {
      throw new ShardLogException(
          source + ": no minato-load log found (expected a '#[minato-load format: 1]' header)");
    }
    String format = header.get("format").get(0);
    if (!SUPPORTED_FORMATS.contains(format)) {
      throw new ShardLogException(
          source
              + ": log format "
              + format
              + " is not supported (expected one of "
              + String.join(", ", SUPPORTED_FORMATS)
              + "); merge it with the minato version that wrote it");
    }
    for (String key : List.of("name", "target", "model", "fingerprint", "shard")) {
      if (!header.containsKey(key)) {
        throw new ShardLogException(source + ": the log header lacks '" + key + "'");
      }
    }
    if (!format.equals("1") && header.containsKey("end") && !header.containsKey("status")) {
      throw new ShardLogException(
          source + ": a format " + format + " log lacks its '#[minato-load status: ...]' line");
    }
    if (header.containsKey("status") && StatusCodes.parse(header.get("status").get(0)).isEmpty()) {
      throw new ShardLogException(
          source
              + ": unreadable status line '"
              + header.get("status").get(0)
              + "' (expected code=count pairs, e.g. '200=9812 503=188')");
    }
    if (start < 0) {
      throw new ShardLogException(source + ": the log lacks its '#[StartTime: ...]' line");
    }
    Optional<Breakdown> breakdown = Optional.empty();
    if (!format.equals("1") && !format.equals("2") && header.containsKey("end")) {
      breakdown = Optional.of(breakdown(source, format, header));
    }
    return new ShardLog(source, header, kept.toString(), start, breakdown);
  }

  private static Breakdown breakdown(String source, String format, Map<String, List<String>> header)
      throws ShardLogException {
    if (!header.containsKey("dropped") || !header.containsKey("request")) {
      throw new ShardLogException(
          source
              + ": a format "
              + format
              + " log lacks its '#[minato-load request: ...]' or '#[minato-load dropped: ...]'"
              + " lines");
    }
    long dropped;
    try {
      dropped = Long.parseLong(header.get("dropped").get(0).strip());
    } catch (NumberFormatException e) {
      dropped = -1;
    }
    if (dropped < 0) {
      throw new ShardLogException(
          source + ": unreadable dropped line '" + header.get("dropped").get(0) + "'");
    }
    ErrorKinds errors = ErrorKinds.NONE;
    for (String line : header.getOrDefault("error", List.of())) {
      ErrorKinds one =
          ErrorKinds.parse(line)
              .orElseThrow(
                  () ->
                      new ShardLogException(
                          source
                              + ": unreadable error line '"
                              + line
                              + "' (expected kind, count and a JSON list of examples)"));
      errors = errors.plus(one);
    }
    List<RequestResults> requests = new ArrayList<>();
    for (String line : header.get("request")) {
      requests.add(request(source, line, requests.size()));
    }
    return new Breakdown(requests, errors, dropped);
  }

  private static RequestResults request(String source, String line, int expectedIndex)
      throws ShardLogException {
    String[] parts = line.strip().split(" ", 7);
    try {
      if (parts.length == 7 && Integer.parseInt(parts[0]) == expectedIndex) {
        long requests = Long.parseLong(parts[1]);
        long errors = Long.parseLong(parts[2]);
        Histogram latency =
            Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(parts[5])), 0);
        if (requests >= 0 && errors >= 0 && errors <= requests) {
          return new RequestResults(parts[6], parts[3], parts[4], requests, errors, latency);
        }
      }
    } catch (RuntimeException | DataFormatException e) {
      // reported below
    }
    throw new ShardLogException(
        source
            + ": unreadable request line '"
            + (line.length() > 80 ? line.substring(0, 80) + "..." : line)
            + "' (expected request "
            + expectedIndex
            + " as: index requests errors method url histogram name)");
  }

  /**
   * The results per named request, in the scenario's order; empty for a log older than format 3 or
   * one without its end.
   */
  public List<RequestResults> requestResults() {
    return breakdown.map(Breakdown::requests).orElse(List.of());
  }

  /** The errors by kind with examples; empty for a log older than format 3. */
  public Optional<ErrorKinds> errorKinds() {
    return breakdown.map(Breakdown::errors);
  }

  /** Requests the shard could not send on schedule; empty for a log older than format 3. */
  public OptionalLong dropped() {
    return breakdown.map(b -> OptionalLong.of(b.dropped())).orElse(OptionalLong.empty());
  }

  public String source() {
    return source;
  }

  public String value(String key) {
    List<String> values = header.get(key);
    return values == null ? "" : values.get(0);
  }

  public List<String> slos() {
    return header.getOrDefault("slo", List.of());
  }

  /** The log format version ({@code 1} or {@code 2}). */
  public String format() {
    return value("format");
  }

  /** The responses by exact status code; empty for a format 1 log, which lacks them. */
  public Optional<StatusCodes> statusCodes() {
    return header.containsKey("status") ? StatusCodes.parse(value("status")) : Optional.empty();
  }

  /** {@code 2/8} as written; validated by the merge. */
  public String shard() {
    return value("shard");
  }

  /** True when the shard finished its run (the end marker says {@code complete}). */
  public boolean complete() {
    return value("end").equals("complete");
  }

  /** True when the log has an end marker at all (the process was not killed mid-run). */
  public boolean ended() {
    return header.containsKey("end");
  }

  /** The run's start, epoch milliseconds. */
  public long startMillis() {
    return startMillis;
  }

  /** A fresh reader over the log's interval histograms. */
  HistogramLogReader reader() {
    return new HistogramLogReader(
        new ByteArrayInputStream(logText.getBytes(StandardCharsets.UTF_8)));
  }

  /** The next histogram of {@code reader}, or null at the end; a bad line names this log. */
  Histogram next(HistogramLogReader reader) throws ShardLogException {
    try {
      EncodableHistogram h = reader.nextIntervalHistogram();
      if (h == null) {
        return null;
      }
      if (!(h instanceof Histogram histogram)) {
        throw new ShardLogException(source + ": holds a histogram type minato does not write");
      }
      return histogram;
    } catch (RuntimeException e) {
      throw new ShardLogException(source + ": unreadable histogram: " + e.getMessage());
    }
  }
}
