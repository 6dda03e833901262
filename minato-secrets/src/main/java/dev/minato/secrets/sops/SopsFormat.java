package dev.minato.secrets.sops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Locale;

/**
 * The two file formats of a SOPS document: YAML (written as SOPS's yaml.v3 encoder with indent 4
 * does) and JSON (tab-indented, as SOPS's JSON store writes it). Chosen by file name, as SOPS does.
 */
public enum SopsFormat {
  YAML,
  JSON;

  private static final ObjectMapper YAML_READER =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper JSON_READER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public static SopsFormat of(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
  }

  /**
   * Reads one document whose top level is a mapping; its comments are read by {@link #comments}.
   */
  public ObjectNode read(String text, String source) throws SopsException {
    JsonNode tree;
    try {
      tree = (this == JSON ? JSON_READER : YAML_READER).readTree(text);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String at = location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
      throw new SopsException(
          source + at + ": not valid " + name() + ": " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new SopsException(source + ": empty document");
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new SopsException(
          source + ": the top level is a " + tree.getNodeType() + ", expected a mapping");
    }
    return object;
  }

  public String write(ObjectNode tree) {
    return write(tree, YamlComments.none());
  }

  /** Writes {@code tree} with its comments; JSON has none. */
  public String write(ObjectNode tree, YamlComments comments) {
    return this == JSON ? SopsJsonWriter.write(tree) : SopsYamlWriter.write(tree, comments);
  }

  /**
   * The comments of {@code text}, which {@link #read} has accepted: SOPS keeps YAML comments as
   * items of the document (encrypted like values, outside the MAC); JSON has none.
   */
  public YamlComments comments(String text) {
    return this == JSON ? YamlComments.none() : YamlComments.read(text);
  }
}
