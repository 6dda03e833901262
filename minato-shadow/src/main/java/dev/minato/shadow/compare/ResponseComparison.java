package dev.minato.shadow.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.manifest.diff.FieldChange;
import dev.minato.manifest.diff.JsonTreeDiff;
import dev.minato.manifest.diff.TextDiff;
import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.rules.ShadowRules;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The differences between two outcomes of one request, under the rules: whether each answered, the
 * status, the compared headers, and the body, JSON field by field, text line by line, or by hash
 * when a body was too large to keep or is not text. Stateless and thread-safe.
 */
public final class ResponseComparison {

  /** At most this many differing places of one text body are listed; the rest are counted. */
  static final int TEXT_CHANGES = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ShadowRules rules;
  private final boolean bytesFirst;

  public ResponseComparison(ShadowRules rules) {
    this(rules, true);
  }

  /**
   * @param bytesFirst whether bodies with the same bytes are taken as equal without being parsed:
   *     always, but for the test that proves the shortcut gives what the full comparison gives
   */
  ResponseComparison(ShadowRules rules, boolean bytesFirst) {
    this.rules = rules;
    this.bytesFirst = bytesFirst;
  }

  public List<Difference> between(Outcome primary, Outcome other) {
    List<Difference> out = new ArrayList<>();
    if (primary instanceof Outcome.Answered a && other instanceof Outcome.Answered b) {
      if (a.status() != b.status()) {
        out.add(new Difference("status", String.valueOf(a.status()), String.valueOf(b.status())));
      }
      headers(a.headers(), b.headers(), out);
      bodies(a, b, out);
    } else if (!describe(primary).equals(describe(other))) {
      out.add(new Difference("outcome", describe(primary), describe(other)));
    }
    return out;
  }

  private static String describe(Outcome outcome) {
    return outcome instanceof Outcome.Answered answered
        ? "answered " + answered.status()
        : "failed: " + ((Outcome.Failed) outcome).kind();
  }

  private void headers(List<Header> a, List<Header> b, List<Difference> out) {
    for (String name : rules.headers().compared()) {
      Optional<String> before = values(a, name);
      Optional<String> after = values(b, name);
      if (!before.equals(after)) {
        out.add(
            new Difference(
                "header " + name,
                before.map(v -> rules.redaction().header(name, v)).orElse(Difference.ABSENT),
                after.map(v -> rules.redaction().header(name, v)).orElse(Difference.ABSENT)));
      }
    }
  }

  /** The values of a header, joined as one field would carry them; empty when absent. */
  private static Optional<String> values(List<Header> headers, String lowerName) {
    // Matched without lower-casing each name: this runs for every compared header of every
    // answer, and a lower-cased copy per field was the comparison's largest allocation.
    String first = null;
    StringBuilder joined = null;
    for (Header header : headers) {
      if (header.name().equalsIgnoreCase(lowerName)) {
        String value = header.value().strip();
        if (first == null) {
          first = value;
        } else {
          joined = (joined == null ? new StringBuilder(first) : joined).append(", ").append(value);
        }
      }
    }
    return Optional.ofNullable(joined == null ? first : joined.toString());
  }

  private void bodies(Outcome.Answered a, Outcome.Answered b, List<Difference> out) {
    Body before = a.body();
    Body after = b.body();
    // Bodies with the same bytes (the usual pair: an array compare, or no compare at all when the
    // copy's answer was matched against the primary's as it arrived and shares its array) have no
    // differing field whatever the rules: every rule (ignore, sets, tolerance, values) only makes
    // more values equal, never equal values differ. So they are not decoded, parsed nor diffed.
    if (bytesFirst && before.sameBytesAs(after)) {
      return;
    }
    Optional<String> beforeText = text(before);
    Optional<String> afterText = text(after);
    if (beforeText.isEmpty() || afterText.isEmpty()) {
      if (!before.sameBytesAs(after)) {
        out.add(new Difference("body (sha256)", hash(before), hash(after)));
      }
      return;
    }
    Optional<JsonNode> beforeJson = json(beforeText.get(), a.headers());
    Optional<JsonNode> afterJson = json(afterText.get(), b.headers());
    if (beforeJson.isPresent() && afterJson.isPresent()) {
      for (FieldChange change : JsonTreeDiff.between(beforeJson.get(), afterJson.get(), rules)) {
        out.add(
            new Difference(
                field(change), shown(change, change.before()), shown(change, change.after())));
      }
    } else if (beforeJson.isPresent() != afterJson.isPresent()) {
      out.add(
          new Difference(
              "body",
              rules.redaction().text(beforeText.get()),
              rules.redaction().text(afterText.get())));
    } else {
      lines(beforeText.get(), afterText.get(), out);
    }
  }

  private void lines(String before, String after, List<Difference> out) {
    List<TextDiff.LineChange> changes = TextDiff.lineChanges(masked(before), masked(after));
    for (int i = 0; i < changes.size() && i < TEXT_CHANGES; i++) {
      TextDiff.LineChange change = changes.get(i);
      out.add(
          new Difference(
              "body line " + change.line(), lineText(change.before()), lineText(change.after())));
    }
    if (changes.size() > TEXT_CHANGES) {
      out.add(
          new Difference(
              "body lines (more)", "", (changes.size() - TEXT_CHANGES) + " more differing places"));
    }
  }

  private String masked(String text) {
    if (rules.values().isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.lines().forEach(line -> out.append(rules.maskValues(line)).append('\n'));
    return out.toString();
  }

  private String lineText(List<String> lines) {
    return lines.isEmpty() ? Difference.ABSENT : rules.redaction().text(String.join("\n", lines));
  }

  /**
   * The field a JSON change counts under. A field missing on one side is counted apart from one
   * whose value changed: a random id that differs in every answer is noise, but the same id gone
   * from the candidate's answers is a regression the noise must not excuse.
   */
  private static String field(FieldChange change) {
    return switch (change.kind()) {
      case REMOVED -> change.path().text() + " (missing)";
      case ADDED -> change.path().text() + " (added)";
      case CHANGED -> change.path().text();
    };
  }

  private String shown(FieldChange change, JsonNode value) {
    if (value.isMissingNode()) {
      return Difference.ABSENT;
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    return rules.redaction().field(change.path(), text);
  }

  private static String hash(Body body) {
    return "sha256 " + body.sha256().substring(0, 12) + "… (" + body.length() + " bytes)";
  }

  /** The body as UTF-8 text, when it was kept and is text (not binary). */
  private static Optional<String> text(Body body) {
    if (body.content().isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = body.content().get();
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException binary) {
      return Optional.empty();
    }
  }

  /** The body as JSON when its type says so or it looks like an object or array. */
  private static Optional<JsonNode> json(String text, List<Header> headers) {
    String stripped = text.strip();
    boolean declared =
        values(headers, "content-type").map(type -> type.contains("json")).orElse(false);
    if (!declared && !(stripped.startsWith("{") || stripped.startsWith("["))) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readTree(stripped)).filter(node -> !node.isMissingNode());
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }
}
