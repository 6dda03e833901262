package dev.minato.load.scenario;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a distributed run one process does: shard {@code index} of {@code count}. Shard k
 * takes requests k, k+count, k+2·count, ... of the single-process schedule, so the shards together
 * send exactly what one process would have sent.
 */
public record Shard(int index, int count) {

  private static final Pattern TEXT = Pattern.compile("(\\d+)/(\\d+)");

  /** The whole run in one process. */
  public static final Shard WHOLE = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard must be index/count with 0 <= index < count");
    }
  }

  /** Parses {@code 2/8}; empty when the text is not of that form or out of range. */
  public static Optional<Shard> parse(String text) {
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int index = Integer.parseInt(m.group(1));
      int count = Integer.parseInt(m.group(2));
      if (count < 1 || index >= count) {
        return Optional.empty();
      }
      return Optional.of(new Shard(index, count));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** This shard's share of {@code total} things dealt round-robin (users, a request budget). */
  public long share(long total) {
    return total / count + (index < total % count ? 1 : 0);
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
