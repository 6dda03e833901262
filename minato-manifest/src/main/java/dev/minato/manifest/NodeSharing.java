package dev.minato.manifest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal mapping keys and short text values across the documents of one read. Every object
 * repeats the same keys (apiVersion, metadata, name) and many values (http, TCP, Always); parsers
 * make a new string each time, and a checker keeps every document alive until the end, so sharing
 * them takes a large part of the memory (and the collector's copying) away. Not thread-safe: one
 * per read.
 */
final class NodeSharing {

  /** Longer values are mostly unique (names, images, commands): not worth a lookup. */
  private static final int MAX_SHARED_TEXT = 32;

  private final JsonNodeFactory nodes;
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, TextNode> texts = new HashMap<>();

  NodeSharing(JsonNodeFactory nodes) {
    this.nodes = nodes;
  }

  String name(String name) {
    String shared = names.putIfAbsent(name, name);
    return shared == null ? name : shared;
  }

  TextNode text(String text) {
    if (text.length() > MAX_SHARED_TEXT) {
      return nodes.textNode(text);
    }
    TextNode shared = texts.get(text);
    if (shared == null) {
      shared = nodes.textNode(text);
      texts.put(text, shared);
    }
    return shared;
  }
}
