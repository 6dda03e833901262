package dev.minato.spec;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cluster's log collector as {@code platform.yaml}'s {@code logging} section describes it:
 * where it runs, the image, the platform's masking ruleset and the one output every app's lines go
 * to.
 *
 * @param rules the platform's masking ruleset, relative to platform.yaml's directory
 */
public record PlatformLogging(
    String namespace, String image, Optional<String> rules, Output output) {

  public static final String DEFAULT_NAMESPACE = "minato-logging";

  /**
   * Fluent Bit 3.2, pinned: the configuration minato renders uses its YAML-free classic format and
   * filters (modify, lua, rewrite_tag) that exist in every 2.x and 3.x release.
   */
  public static final String DEFAULT_IMAGE = "cr.fluentbit.io/fluent/fluent-bit:3.2.2";

  /** Where the collector sends lines: one destination per app and stream. */
  public sealed interface Output {}

  /** CloudWatch Logs: one log group per app and stream, {@code <groupPrefix>/<app>/<stream>}. */
  public record CloudWatch(String region, String groupPrefix) implements Output {}

  /** Grafana Loki: lines labelled with app, stream, namespace and the configured labels. */
  public record Loki(String host, int port, Map<String, String> labels) implements Output {
    public Loki {
      labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
  }

  /** Elasticsearch: one index per app, {@code <indexPrefix>-<app>}. */
  public record Elasticsearch(String host, int port, String indexPrefix) implements Output {}
}
