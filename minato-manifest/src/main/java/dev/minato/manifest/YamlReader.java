package dev.minato.manifest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ManifestException(SourcePosition.ofSource(name), "no such file");
    } catch (IOException e) {
      throw new ManifestException(SourcePosition.ofSource(name), "cannot read: " + e.getMessage());
    }
    String text = decode(name, bytes);
    return name.endsWith(".json") ? JsonDocuments.read(name, text, NODES) : read(name, text);
  }

  /**
   * The text of UTF-8 {@code bytes} (standard input, a file), or an error at the line and column of
   * the first byte that is not UTF-8: Kubernetes reads manifests as UTF-8 only, and a silent
   * replacement character would change a value.
   */
  public static String decode(String sourceName, byte[] bytes) throws ManifestException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new ManifestException(
          positionOfByte(sourceName, bytes, offset),
          String.format(
              "not UTF-8: byte 0x%02X (byte offset %d) cannot be read as UTF-8; save the input"
                  + " as UTF-8 (iconv -f LATIN1 -t UTF-8, say)",
              bytes[offset] & 0xFF, offset));
    }
    return out.flip().toString();
  }

  /** The line and column (in characters) of byte {@code offset} of valid UTF-8 before it. */
  private static SourcePosition positionOfByte(String sourceName, byte[] bytes, int offset) {
    int lineStart = 0;
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return new SourcePosition(sourceName, line, before.codePointCount(0, before.length()) + 1);
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
