package dev.minato.logs.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two ways a container runtime writes a container's output to a node's log files. Both split a
 * long line into pieces of 16 KiB; {@link ContainerLines} joins them again.
 */
public enum ContainerRuntime {

  /**
   * The CRI format (containerd, CRI-O): {@code 2026-11-30T12:00:00.123456789Z stdout F text}, where
   * the tag is {@code F} for a full line or the last piece of one and {@code P} for a piece that
   * continues (further tag flags after a {@code :} are ignored).
   */
  CRI("cri"),

  /**
   * Docker's json-file driver: {@code {"log":"text\n","stream":"stdout","time":"…"}}, where a piece
   * that continues is one whose {@code log} does not end with a newline.
   */
  DOCKER("docker");

  private static final JsonFactory JSON = new JsonFactory();

  private final String id;

  ContainerRuntime(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<ContainerRuntime> of(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.id.equals(lower)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ContainerRuntime::id).toList();
  }

  /**
   * One piece as the runtime wrote it.
   *
   * @param time when the runtime read it, as written
   * @param stream {@code stdout} or {@code stderr}
   * @param text the text, without the newline that ends a full line
   * @param partial whether the next piece of the same stream continues this line
   */
  public record Piece(String time, String stream, String text, boolean partial) implements Line {}

  /** A line that is not a piece of this runtime's format. */
  public record Bad(Reading.Problem problem) implements Line {}

  /** What one line of a node's container log file is. */
  public sealed interface Line permits Piece, Bad {}

  /** The piece {@code line} holds, or the problem with it. */
  public Line read(String line) {
    String clean = LineParser.withoutCarriageReturn(line);
    return this == CRI ? cri(line, clean) : docker(line, clean);
  }

  private static Line cri(String raw, String line) {
    int timeEnd = line.indexOf(' ');
    if (timeEnd <= 0) {
      return new Bad(new Reading.Problem(raw, 1, "expected a time, a stream, a tag and the text"));
    }
    int streamEnd = line.indexOf(' ', timeEnd + 1);
    if (streamEnd < 0) {
      return new Bad(
          new Reading.Problem(raw, line.length() + 1, "expected the stream after the time"));
    }
    String stream = line.substring(timeEnd + 1, streamEnd);
    if (!stream.equals("stdout") && !stream.equals("stderr")) {
      return new Bad(
          new Reading.Problem(raw, timeEnd + 2, "expected stdout or stderr, got '" + stream + "'"));
    }
    int tagEnd = line.indexOf(' ', streamEnd + 1);
    String tag = line.substring(streamEnd + 1, tagEnd < 0 ? line.length() : tagEnd);
    int colon = tag.indexOf(':');
    String flag = colon < 0 ? tag : tag.substring(0, colon);
    if (!flag.equals("F") && !flag.equals("P")) {
      return new Bad(
          new Reading.Problem(raw, streamEnd + 2, "expected the tag F or P, got '" + tag + "'"));
    }
    String text = tagEnd < 0 ? "" : line.substring(tagEnd + 1);
    return new Piece(line.substring(0, timeEnd), stream, text, flag.equals("P"));
  }

  private static Line docker(String raw, String line) {
    String log = null;
    String stream = "";
    String time = "";
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new Bad(new Reading.Problem(raw, 1, "expected a JSON object {\"log\":…}"));
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isStructStart()) {
          parser.skipChildren();
        } else if (name.equals("log")) {
          log = parser.getText();
        } else if (name.equals("stream")) {
          stream = parser.getText();
        } else if (name.equals("time")) {
          time = parser.getText();
        }
      }
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
      return new Bad(new Reading.Problem(raw, column, e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
    if (log == null) {
      return new Bad(
          new Reading.Problem(raw, 1, "no \"log\" field; expected Docker's json-file lines"));
    }
    boolean full = log.endsWith("\n");
    String text = full ? log.substring(0, log.length() - 1) : log;
    return new Piece(time, stream, text, !full);
  }
}
