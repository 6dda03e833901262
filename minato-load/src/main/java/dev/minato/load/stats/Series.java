package dev.minato.load.stats;

import java.util.Optional;

/**
 * The histograms a run records, each under its tag in the HdrHistogram log. Values are in
 * microseconds. A request that got a response is in {@link #LATENCY}, {@link #SERVICE} and the
 * histogram of its status class; a request that failed without one is in exactly one failure class.
 * So the request count is latency + connect + timeout + io, with no raw samples needed.
 */
public enum Series {
  /** From the intended send time to the end of the response (coordinated-omission corrected). */
  LATENCY("latency"),
  /** From the actual send to the end of the response: what the server alone took. */
  SERVICE("service"),
  /** How late the generator handed each request over, compared with its schedule. */
  LAG("lag"),
  CONNECT("connect"),
  TIMEOUT("timeout"),
  IO("io"),
  STATUS_1XX("1xx"),
  STATUS_2XX("2xx"),
  STATUS_3XX("3xx"),
  STATUS_4XX("4xx"),
  STATUS_5XX("5xx");

  private final String tag;

  Series(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  public static Optional<Series> ofTag(String tag) {
    for (Series s : values()) {
      if (s.tag.equals(tag)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The status-class series of an HTTP status code. */
  public static Series ofStatus(int status) {
    return switch (status / 100) {
      case 1 -> STATUS_1XX;
      case 2 -> STATUS_2XX;
      case 3 -> STATUS_3XX;
      case 4 -> STATUS_4XX;
      default -> STATUS_5XX;
    };
  }

  /** Requests that ended without a response. */
  public boolean isFailure() {
    return this == CONNECT || this == TIMEOUT || this == IO;
  }

  /** Responses and failures that count as errors: failures and 4xx/5xx statuses. */
  public boolean isError() {
    return isFailure() || this == STATUS_4XX || this == STATUS_5XX;
  }

  public boolean isStatusClass() {
    return name().startsWith("STATUS_");
  }
}
