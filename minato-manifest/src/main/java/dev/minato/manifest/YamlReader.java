package dev.minato.manifest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads multi-document YAML (and JSON) into trees, remembering where every node came from: the one
 * way minato reads manifests, specs and its own files. YAML is read as Kubernetes reads it (see
 * {@link YamlDocuments}); {@code .json} files go through a JSON parser ({@link JsonDocuments}).
 */
public final class YamlReader {

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
    return name.endsWith(".json") ? JsonDocuments.read(name, text, NODES) : read(name, text);
  }

  /** Reads every non-empty document of YAML text; {@code sourceName} is used in positions. */
  public static List<Document> read(String sourceName, String text) throws ManifestException {
    try {
      return YamlDocuments.read(sourceName, text, NODES);
    } catch (MarkedYAMLException e) {
      throw syntaxError(sourceName, e);
    } catch (ReaderException e) {
      throw new ManifestException(
          positionOfCodePoint(sourceName, text, e.getPosition()),
          "invalid YAML: "
              + String.format(
                  "character U+%04X is not allowed in YAML; write it as an escape (\\u%04X)"
                      + " in a double-quoted string",
                  e.getCodePoint(), e.getCodePoint()));
    } catch (YAMLException | NumberFormatException e) {
      throw new ManifestException(
          SourcePosition.ofSource(sourceName), "invalid YAML: " + firstLine(e.getMessage()));
    }
  }

  /** The line and column of the {@code index}-th code point of {@code text}. */
  private static SourcePosition positionOfCodePoint(String sourceName, String text, int index) {
    int line = 1;
    int column = 1;
    int offset = 0;
    for (int codePoint = 0; codePoint < index && offset < text.length(); codePoint++) {
      if (text.charAt(offset) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      offset += Character.charCount(text.codePointAt(offset));
    }
    return new SourcePosition(sourceName, line, column);
  }

  /**
   * SnakeYAML's error as one line at the problem: what is wrong, then what it was reading and where
   * that started ({@code expected ',' or ']', but got <scalar> (in the flow sequence that starts at
   * line 2)}).
   */
  private static ManifestException syntaxError(String sourceName, MarkedYAMLException e) {
    Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    SourcePosition position =
        at == null
            ? SourcePosition.ofSource(sourceName)
            : new SourcePosition(sourceName, at.getLine() + 1, at.getColumn() + 1);
    StringBuilder message = new StringBuilder("invalid YAML: ");
    message.append(e.getProblem() == null ? "unreadable input" : firstLine(e.getProblem()));
    String context = e.getContext();
    if (context != null && !context.isBlank()) {
      message.append(" (").append(firstLine(context).replaceFirst("^while ", ""));
      Mark contextMark = e.getContextMark();
      if (contextMark != null && contextMark != at) {
        message.append(" that starts at line ").append(contextMark.getLine() + 1);
      }
      message.append(')');
    }
    return new ManifestException(position, message.toString());
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
