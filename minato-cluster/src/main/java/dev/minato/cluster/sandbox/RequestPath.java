package dev.minato.cluster.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A request path split into the path proper and its decoded query parameters. */
record RequestPath(String path, Map<String, String> query) {

  static RequestPath parse(String raw) {
    int mark = raw.indexOf('?');
    if (mark < 0) {
      return new RequestPath(raw, Map.of());
    }
    Map<String, String> query = new HashMap<>();
    for (String pair : raw.substring(mark + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return new RequestPath(raw.substring(0, mark), query);
  }

  boolean dryRun() {
    return "All".equals(query.get("dryRun"));
  }

  String param(String name, String fallback) {
    return query.getOrDefault(name, fallback);
  }

  /** The collection path of an object path: the path without its last segment. */
  String collection() {
    return path.substring(0, path.lastIndexOf('/'));
  }
}
