package dev.minato.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON (one value, or several in a row) into trees with the position of every node, through
 * Jackson's JSON parser: JSON is YAML too, but a JSON parser reads it faster and reports JSON
 * mistakes in JSON's terms.
 */
final class JsonDocuments {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonDocuments() {}

  static List<Document> read(String sourceName, String text, JsonNodeFactory nodes)
      throws ManifestException {
    try (JsonParser parser = JSON.createParser(text)) {
      List<Document> documents = new ArrayList<>();
      int index = 0;
      NodeSharing sharing = new NodeSharing(nodes);
      while (parser.nextToken() != null) {
        Walk walk = new Walk(sourceName, sharing, nodes);
        SourcePosition start = walk.position(parser.currentTokenLocation());
        JsonNode root = walk.document(parser);
        if (!root.isNull()) {
          documents.add(new Document(root, index, start, walk.positions(start)));
        }
        index++;
      }
      return documents;
    } catch (JsonProcessingException e) {
      throw syntaxError(sourceName, e);
    } catch (IOException e) {
      throw new ManifestException(SourcePosition.ofSource(sourceName), e.getMessage());
    }
  }

  private static ManifestException syntaxError(String sourceName, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    SourcePosition position =
        location == null
            ? SourcePosition.ofSource(sourceName)
            : new SourcePosition(
                sourceName, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    if (e instanceof DuplicateKey) {
      return new ManifestException(position, e.getOriginalMessage());
    }
    return new ManifestException(
        position, "invalid JSON: " + YamlReader.firstLine(e.getOriginalMessage()));
  }

  /** The state of reading one document. */
  private static final class Walk {
    private final String sourceName;
    private final NodeSharing sharing;
    private final JsonNodeFactory nodes;
    private PositionTree root;

    Walk(String sourceName, NodeSharing sharing, JsonNodeFactory nodes) {
      this.sourceName = sourceName;
      this.sharing = sharing;
      this.nodes = nodes;
    }

    SourcePosition position(JsonLocation location) {
      return new SourcePosition(sourceName, location.getLineNr(), location.getColumnNr());
    }

    Positions positions(SourcePosition start) {
      return new Positions(sourceName, root, start);
    }

    /** Reads the document whose first token is current, recording every node's position. */
    JsonNode document(JsonParser parser) throws IOException {
      root = new PositionTree(position(parser));
      return value(parser, root);
    }

    private static long position(JsonParser parser) {
      JsonLocation location = parser.currentTokenLocation();
      return PositionTree.pack(location.getLineNr(), location.getColumnNr());
    }

    /** The tree for the current value when it is a mapping or a sequence; null for a scalar. */
    private static PositionTree subtree(JsonParser parser, long position) {
      JsonToken token = parser.currentToken();
      return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
          ? new PositionTree(position)
          : null;
    }

    /** Reads the current value; {@code tree} receives its children when it is a container. */
    private JsonNode value(JsonParser parser, PositionTree tree) throws IOException {
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT:
          return object(parser, tree);
        case START_ARRAY:
          return array(parser, tree);
        case VALUE_STRING:
          return sharing.text(parser.getText());
        case VALUE_NUMBER_INT:
          return switch (parser.getNumberType()) {
            case INT -> nodes.numberNode(parser.getIntValue());
            case LONG -> nodes.numberNode(parser.getLongValue());
            default -> nodes.numberNode(parser.getBigIntegerValue());
          };
        case VALUE_NUMBER_FLOAT:
          return nodes.numberNode(parser.getDecimalValue());
        case VALUE_TRUE:
          return nodes.booleanNode(true);
        case VALUE_FALSE:
          return nodes.booleanNode(false);
        case VALUE_NULL:
          return nodes.nullNode();
        default:
          throw new JsonParseError(parser, "unexpected " + token);
      }
    }

    private ObjectNode object(JsonParser parser, PositionTree tree) throws IOException {
      ObjectNode node = nodes.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = sharing.name(parser.currentName());
        long keyPosition = position(parser);
        if (node.has(name)) {
          throw new DuplicateKey(
              parser,
              "duplicate key '"
                  + name
                  + "' (first at line "
                  + PositionTree.line(tree.keyAt(tree.indexOf(name)))
                  + "); each key may appear once");
        }
        parser.nextToken();
        long valuePosition = position(parser);
        PositionTree child = subtree(parser, valuePosition);
        tree.addField(name, keyPosition, valuePosition, child);
        node.set(name, value(parser, child));
      }
      return node;
    }

    private ArrayNode array(JsonParser parser, PositionTree tree) throws IOException {
      ArrayNode node = nodes.arrayNode();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        long valuePosition = position(parser);
        PositionTree child = subtree(parser, valuePosition);
        tree.addItem(valuePosition, child);
        node.add(value(parser, child));
      }
      return node;
    }
  }

  private static class JsonParseError extends JsonProcessingException {
    JsonParseError(JsonParser parser, String message) {
      super(message, parser.currentTokenLocation());
    }
  }

  private static final class DuplicateKey extends JsonParseError {
    DuplicateKey(JsonParser parser, String message) {
      super(parser, message);
    }
  }
}
