package dev.minato.load.resource;

import java.util.Optional;

/** Where a finished LoadTest's report was kept: the status's {@code report} field says the same. */
public sealed interface ReportPlace {

  /**
   * In the ConfigMap the LoadTest owns: when no object store is configured, or, {@code
   * storeFailure} says why, when writing to it failed.
   */
  record InConfigMap(String configMap, Optional<String> storeFailure) implements ReportPlace {}

  /**
   * As objects in the store: the HTML, JSON and text reports' URLs, and {@code location}, the
   * {@code s3://} prefix holding all three.
   */
  record InStore(String html, String json, String text, String location) implements ReportPlace {}
}
