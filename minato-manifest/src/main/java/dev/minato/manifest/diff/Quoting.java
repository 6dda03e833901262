package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.node.TextNode;

/** JSON string quoting, for keys and values that would be ambiguous unquoted. */
final class Quoting {

  private Quoting() {}

  static String json(String text) {
    return new TextNode(text).toString();
  }
}
