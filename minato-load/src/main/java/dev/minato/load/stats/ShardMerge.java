package dev.minato.load.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Merges the logs of a sharded run into one {@link Results}. Histograms add up exactly, so the
 * merged percentiles are those of one process that had recorded every sample. Before adding, the
 * logs are checked to be one complete set: the same run, every shard index once.
 */
public final class ShardMerge {

  private ShardMerge() {}

  public static Results merge(List<ShardLog> logs) throws ShardLogException {
    if (logs.isEmpty()) {
      throw new ShardLogException("no shard logs to merge");
    }
    RunInfo info = checkOneCompleteSet(logs);
    long origin = logs.stream().mapToLong(ShardLog::startMillis).min().orElseThrow();
    ResultsBuilder builder = new ResultsBuilder(info, origin);
    for (ShardLog log : logs) {
      log.statusCodes().ifPresentOrElse(builder::addStatusCodes, builder::statusCodesUnknown);
    }
    addBreakdowns(logs, builder);
    // Read all logs in the order of their intervals' start times, so the per-second buckets close
    // in order and the merge holds only a few seconds of histograms at a time.
    PriorityQueue<Cursor> queue =
        new PriorityQueue<>(Comparator.comparingLong((Cursor c) -> c.head.getStartTimeStamp()));
    List<HistogramLogReader> readers = new ArrayList<>();
    try {
      for (ShardLog log : logs) {
        HistogramLogReader reader = log.reader();
        readers.add(reader);
        Cursor cursor = new Cursor(log, reader);
        if (cursor.advance()) {
          queue.add(cursor);
        }
      }
      while (!queue.isEmpty()) {
        Cursor cursor = queue.poll();
        Histogram h = cursor.head;
        Series series =
            Series.ofTag(h.getTag() == null ? "" : h.getTag())
                .orElseThrow(
                    () ->
                        new ShardLogException(
                            cursor.log.source() + ": unknown histogram tag '" + h.getTag() + "'"));
        builder.add(h.getStartTimeStamp(), h.getEndTimeStamp(), Map.of(series, h));
        if (cursor.advance()) {
          queue.add(cursor);
        }
      }
    } finally {
      readers.forEach(HistogramLogReader::close);
    }
    return builder.build(logs.stream().allMatch(ShardLog::complete));
  }

  /**
   * Adds the shards' per-request results, error kinds and dropped counts; logs older than format 3
   * lack them (a set never mixes formats).
   */
  private static void addBreakdowns(List<ShardLog> logs, ResultsBuilder builder)
      throws ShardLogException {
    if (logs.get(0).errorKinds().isEmpty()) {
      builder.breakdownUnknown();
      return;
    }
    List<RequestResults> first = logs.get(0).requestResults();
    for (ShardLog log : logs) {
      List<RequestResults> requests = log.requestResults();
      boolean same = requests.size() == first.size();
      for (int i = 0; same && i < requests.size(); i++) {
        same = requests.get(i).name().equals(first.get(i).name());
      }
      if (!same) {
        throw new ShardLogException(
            log.source()
                + ": lists other requests than "
                + logs.get(0).source()
                + "; the shards did not run the same scenario");
      }
      builder.addRequestResults(requests);
      builder.addErrorKinds(log.errorKinds().orElseThrow());
      builder.addDropped(log.dropped().orElseThrow());
    }
  }

  private static RunInfo checkOneCompleteSet(List<ShardLog> logs) throws ShardLogException {
    ShardLog first = logs.get(0);
    String fingerprint = first.value("fingerprint");
    int count = shardCount(first);
    TreeMap<Integer, ShardLog> byIndex = new TreeMap<>();
    for (ShardLog log : logs) {
      if (!log.format().equals(first.format())) {
        throw new ShardLogException(
            log.source()
                + ": is log format "
                + log.format()
                + ", but "
                + first.source()
                + " is format "
                + first.format()
                + "; the formats record different things and cannot be merged exactly: run every"
                + " shard with the same minato version");
      }
      if (!log.value("fingerprint").equals(fingerprint)) {
        throw new ShardLogException(
            log.source()
                + ": belongs to another run (scenario fingerprint "
                + log.value("fingerprint")
                + ", but "
                + first.source()
                + " has "
                + fingerprint
                + ")");
      }
      if (shardCount(log) != count) {
        throw new ShardLogException(
            log.source()
                + ": is shard "
                + log.shard()
                + ", but "
                + first.source()
                + " is of "
                + count);
      }
      int index = shardIndex(log);
      ShardLog previous = byIndex.put(index, log);
      if (previous != null) {
        throw new ShardLogException(
            log.source() + ": shard " + log.shard() + " is already given by " + previous.source());
      }
      if (!log.ended()) {
        throw new ShardLogException(
            log.source()
                + ": shard "
                + log.shard()
                + " ends without its end marker (the process was killed mid-run); its results are"
                + " incomplete");
      }
    }
    if (byIndex.size() != count) {
      List<Integer> missing = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (!byIndex.containsKey(i)) {
          missing.add(i);
        }
      }
      throw new ShardLogException(
          "the run has " + count + " shards, but shard(s) " + missing + " are missing");
    }
    return new RunInfo(
        first.value("name"),
        first.value("target"),
        first.value("model"),
        fingerprint,
        count,
        count > 1 ? count + " shards merged" : "",
        first.slos());
  }

  private static int shardCount(ShardLog log) throws ShardLogException {
    return shardPart(log, 1);
  }

  private static int shardIndex(ShardLog log) throws ShardLogException {
    return shardPart(log, 0);
  }

  private static int shardPart(ShardLog log, int part) throws ShardLogException {
    String[] parts = log.shard().split("/");
    try {
      int index = Integer.parseInt(parts[0]);
      int count = Integer.parseInt(parts[1]);
      if (parts.length == 2 && count >= 1 && index >= 0 && index < count) {
        return part == 0 ? index : count;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // reported below
    }
    throw new ShardLogException(log.source() + ": invalid shard '" + log.shard() + "'");
  }

  /** One log's reader with the next histogram read ahead. */
  private static final class Cursor {
    final ShardLog log;
    final HistogramLogReader reader;
    Histogram head;

    Cursor(ShardLog log, HistogramLogReader reader) {
      this.log = log;
      this.reader = reader;
    }

    boolean advance() throws ShardLogException {
      head = log.next(reader);
      return head != null;
    }
  }
}
