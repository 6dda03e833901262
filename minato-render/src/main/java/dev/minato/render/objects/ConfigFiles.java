package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ConfigMap that carries an app's config files. Its name ends in a hash of the content, as
 * kustomize's generators do: a change creates a new ConfigMap and so rolls the Deployment, while
 * pods of the old ReplicaSet keep reading the files they started with.
 */
final class ConfigFiles {

  private final String name;
  private final Map<String, String> data;
  private final Map<String, String> keyByPath;

  private ConfigFiles(String name, Map<String, String> data, Map<String, String> keyByPath) {
    this.name = name;
    this.data = data;
    this.keyByPath = keyByPath;
  }

  static Optional<ConfigFiles> of(App app, Map<String, String> files) {
    if (files.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> data = new TreeMap<>();
    Map<String, String> keyByPath = new TreeMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      String key = key(file.getKey());
      data.put(key, file.getValue());
      keyByPath.put(file.getKey(), key);
    }
    return Optional.of(new ConfigFiles(app.name() + "-config-" + hash(data), data, keyByPath));
  }

  /** A ConfigMap key for a path: {@code /etc/app/app.yaml} becomes {@code etc_app_app.yaml}. */
  static String key(String path) {
    return path.substring(1).replace('/', '_');
  }

  private static String hash(Map<String, String> data) {
    List<String> parts = new ArrayList<>();
    data.forEach(
        (key, value) -> {
          parts.add(key);
          parts.add(value);
        });
    return ContentHash.of(10, parts);
  }

  String name() {
    return name;
  }

  Map<String, String> keyByPath() {
    return keyByPath;
  }

  ObjectNode render(App app) {
    ObjectNode map =
        Trees.header("v1", "ConfigMap", name, Labels.of(app, Components.WEB), Map.of());
    map.set("data", Trees.map(data));
    return map;
  }
}
