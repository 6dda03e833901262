package dev.minato.load.stats;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run as an HdrHistogram log: a header of {@code #[minato-load key: value]} comments (the
 * {@link RunInfo} and the shard), then one tagged histogram per series per interval, then an end
 * marker. Standard HdrHistogram tools read it; {@link ShardLog} reads it back exactly.
 *
 * <p>The file is flushed after every interval, so an interrupted shard leaves a readable log whose
 * missing end marker says it is incomplete.
 */
public final class IntervalLogWriter implements AutoCloseable {

  static final String PREFIX = "minato-load ";

  /**
   * The log format. 2 adds the {@code status} line (responses by exact code) before the end marker;
   * 3 adds the {@code request}, {@code error} and {@code dropped} lines. A merge reads 1 to 3 but
   * refuses to mix them, as an older one lacks what a newer one adds.
   */
  static final String FORMAT = "3";

  private final PrintStream out;
  private final HistogramLogWriter writer;

  public IntervalLogWriter(OutputStream stream, RunInfo info, int shardIndex, long startMillis) {
    this.out = new PrintStream(stream, false, StandardCharsets.UTF_8);
    this.writer = new HistogramLogWriter(out);
    comment("format", FORMAT);
    writer.outputLogFormatVersion();
    comment("name", info.name());
    comment("target", info.target());
    comment("model", info.model());
    comment("fingerprint", info.fingerprint());
    comment("shard", shardIndex + "/" + info.shardCount());
    for (String slo : info.slos()) {
      comment("slo", slo);
    }
    writer.outputStartTime(startMillis);
    writer.setBaseTime(startMillis);
    writer.outputBaseTime(startMillis);
    writer.outputLegend();
    out.flush();
  }

  private void comment(String key, String value) {
    writer.outputComment("[" + PREFIX + key + ": " + value.replace('\n', ' ') + "]");
  }

  /**
   * One interval. The latency series is always written, so even an idle second is a line; the other
   * series only when they recorded something.
   */
  public void interval(Map<Series, Histogram> histograms) {
    histograms.forEach(
        (series, h) -> {
          if (series == Series.LATENCY || h.getTotalCount() > 0) {
            writer.outputIntervalHistogram(h);
          }
        });
    out.flush();
  }

  /**
   * What the run's totals break down into, written once before {@link #statusCodes}: one {@code
   * request} line per named request ({@code index requests errors method url histogram name}, the
   * latency histogram compressed and in Base64 as HdrHistogram's log lines hold them), one {@code
   * error} line per error kind, and the {@code dropped} count.
   */
  public void breakdown(List<RequestResults> requests, ErrorKinds errors, long dropped) {
    for (int i = 0; i < requests.size(); i++) {
      RequestResults r = requests.get(i);
      comment(
          "request",
          i
              + " "
              + r.requests()
              + " "
              + r.errors()
              + " "
              + r.method()
              + " "
              + r.url()
              + " "
              + encode(r.latency())
              + " "
              + r.name());
    }
    errors.kinds().forEach((kind, entry) -> comment("error", ErrorKinds.format(kind, entry)));
    comment("dropped", String.valueOf(dropped));
    out.flush();
  }

  static String encode(Histogram h) {
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The run's responses by exact status code, written once just before {@link #end}. */
  public void statusCodes(StatusCodes codes) {
    comment("status", codes.format());
    out.flush();
  }

  /** Marks the log complete ({@code complete}) or cut short (Ctrl-C) and flushes it. */
  public void end(boolean complete) {
    comment("end", complete ? "complete" : "interrupted");
    out.flush();
  }

  @Override
  public void close() {
    out.close();
  }
}
