package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.YamlReader;

/** Trees for the diff tests, written as YAML. */
final class Trees {

  private Trees() {}

  static JsonNode yaml(String text) {
    try {
      return YamlReader.read("test.yaml", text).get(0).root();
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
