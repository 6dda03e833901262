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
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads multi-document YAML (and JSON) into trees, remembering where every node came from.
 *
 * <p>Jackson parses; this class only walks the token stream so that each node's position survives
 * into the tree's {@link Positions}. Duplicate keys are an error here, because YAML libraries
 * disagree on which one wins and a silent choice hides mistakes.
 */
public final class YamlReader {

  // A key with no value ("stg:") is null in YAML; without this Jackson reads an empty string.
  // Quoted empty strings ("") stay strings.
  private static final YAMLFactory YAML =
      YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private YamlReader() {}

  /** Reads every non-empty document of a file; {@code .json} files are read as JSON. */
  public static List<Document> read(Path file) throws ManifestException {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ManifestException(SourcePosition.ofSource(name), "no such file");
    } catch (IOException e) {
      throw new ManifestException(SourcePosition.ofSource(name), "cannot read: " + e.getMessage());
    }
    return read(name, text, name.endsWith(".json"));
  }

  /** Reads every non-empty document of YAML text; {@code sourceName} is used in positions. */
  public static List<Document> read(String sourceName, String text) throws ManifestException {
    return read(sourceName, text, false);
  }

  private static List<Document> read(String sourceName, String text, boolean json)
      throws ManifestException {
    try (Reader reader = new StringReader(text);
        JsonParser parser = (json ? JSON : YAML).createParser(reader)) {
      List<Document> documents = new ArrayList<>();
      int index = 0;
      while (parser.nextToken() != null) {
        Walk walk = new Walk(sourceName);
        SourcePosition start = walk.position(parser.currentTokenLocation());
        JsonNode root = walk.document(parser);
        // An empty document (a bare --- or only comments) reads as null.
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
    return new ManifestException(position, "invalid YAML: " + firstLine(e.getOriginalMessage()));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  /** The state of reading one document. */
  private static final class Walk {
    private final String sourceName;
    private PositionTree root;

    Walk(String sourceName) {
      this.sourceName = sourceName;
    }

    SourcePosition position(JsonLocation location) {
      return new SourcePosition(sourceName, location.getLineNr(), location.getColumnNr());
    }

    Positions positions(SourcePosition start) {
      return new Positions(sourceName, root, start);
    }

    /** Reads the document whose first token is current, recording every node's position. */
    JsonNode document(JsonParser parser) throws IOException {
      root = tree(parser);
      return value(parser, root);
    }

    private static PositionTree tree(JsonParser parser) {
      JsonLocation location = parser.currentTokenLocation();
      return new PositionTree(location.getLineNr(), location.getColumnNr());
    }

    private JsonNode value(JsonParser parser, PositionTree tree) throws IOException {
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT:
          return object(parser, tree);
        case START_ARRAY:
          return array(parser, tree);
        case VALUE_STRING:
          return NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT:
          return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
        case VALUE_NUMBER_FLOAT:
          return NODES.numberNode(parser.getDecimalValue());
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          throw new JsonParseError(parser, "unexpected " + token);
      }
    }

    private ObjectNode object(JsonParser parser, PositionTree tree) throws IOException {
      ObjectNode node = NODES.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonLocation keyLocation = parser.currentTokenLocation();
        long keyPosition = PositionTree.pack(keyLocation.getLineNr(), keyLocation.getColumnNr());
        if (node.has(name)) {
          throw new DuplicateKey(
              parser,
              "duplicate key '"
                  + name
                  + "' (first at line "
                  + PositionTree.line(tree.child(name).key())
                  + "); each key may appear once");
        }
        parser.nextToken();
        PositionTree child = tree(parser);
        tree.addField(name, keyPosition, child);
        node.set(name, value(parser, child));
      }
      return node;
    }

    private ArrayNode array(JsonParser parser, PositionTree tree) throws IOException {
      ArrayNode node = NODES.arrayNode();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        PositionTree child = tree(parser);
        tree.addItem(child);
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
