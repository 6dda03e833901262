package dev.minato.logs.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.minato.logs.LogEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;

/**
 * JSON lines: one JSON object per line. Values become text as written (numbers keep their digits,
 * {@code true}, {@code null}); nested objects are flattened into dotted labels ({@code
 * {"user":{"email":…}}} gives {@code user.email}) so that rules reach inside them; arrays are kept
 * as their compact JSON text. A key written twice is a problem, as in {@link LtsvParser}.
 */
public final class JsonLineParser implements LineParser {

  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public Reading parse(String raw) {
    String line = LineParser.withoutCarriageReturn(raw);
    try (JsonParser parser = JSON.createParser(line)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return problem(raw, parser, "expected a JSON object '{'");
      }
      LinkedHashMap<String, String> fields = new LinkedHashMap<>();
      Reading.Problem nested = object(raw, parser, "", fields);
      if (nested != null) {
        return nested;
      }
      if (parser.nextToken() != null) {
        return problem(raw, parser, "text after the JSON object; expected one object per line");
      }
      return new Reading.Parsed(new LogEvent(fields));
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
      return new Reading.Problem(raw, column, e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /** Reads the object whose START_OBJECT was just taken; null when it was fine. */
  private static Reading.Problem object(
      String raw, JsonParser parser, String prefix, LinkedHashMap<String, String> fields)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      int column = parser.currentLocation().getColumnNr();
      String label = prefix + parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        Reading.Problem nested = object(raw, parser, label + ".", fields);
        if (nested != null) {
          return nested;
        }
        continue;
      }
      String text = value == JsonToken.START_ARRAY ? compact(parser) : parser.getText();
      if (fields.putIfAbsent(label, text) != null) {
        return new Reading.Problem(
            raw,
            Math.max(1, column),
            "key '" + label + "' appears twice; each key may appear once");
      }
    }
    return null;
  }

  private static String compact(JsonParser parser) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.copyCurrentStructure(parser);
    }
    return out.toString();
  }

  private static Reading.Problem problem(String raw, JsonParser parser, String message) {
    return new Reading.Problem(
        raw, Math.max(1, parser.currentTokenLocation().getColumnNr()), message);
  }
}
