package dev.minato.spec;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the cluster's log collector reads and routes an app's output ({@code spec.logs}).
 *
 * @param format how each line is written; empty when the spec does not say, which the collector
 *     treats as plain text and {@code check} reports
 * @param stream the name of the app's stream: with the app name it chooses the destination (a
 *     CloudWatch log group, a Loki label, an Elasticsearch index)
 * @param labels further labels attached to every line (Loki labels; record fields elsewhere)
 * @param rules a masking ruleset applied after the platform's, relative to the spec's directory
 */
public record Logs(
    Optional<Format> format, String stream, Map<String, String> labels, Optional<String> rules) {

  public static final String DEFAULT_STREAM = "app";

  public Logs {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** The line formats the collector can parse. */
  public enum Format {
    LTSV("ltsv"),
    JSON("json"),
    NGINX("nginx"),
    TEXT("text");

    private final String spelling;

    Format(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }
}
