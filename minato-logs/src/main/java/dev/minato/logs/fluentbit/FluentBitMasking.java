package dev.minato.logs.fluentbit;

import dev.minato.logs.rules.Action;
import dev.minato.logs.rules.Match;
import dev.minato.logs.rules.Rule;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.ValueKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a masking ruleset into a script for Fluent Bit's {@code lua} filter: the rules as a Lua
 * table above a fixed runtime that mirrors {@link dev.minato.logs.mask.Masker}. A rule that Fluent
 * Bit cannot run with the same meaning is left out of the script and returned as {@link Skipped},
 * with the reason, for the caller to report; the script's header lists it too.
 *
 * <p>What compiles: key names; key and value patterns within {@link LuaPatterns}' subset; every
 * detector (each a line-for-line port of its Java finder in {@code runtime.lua}); the actions
 * {@code redact} and {@code partial}. What does not: {@code pseudonym}, see {@link #action}.
 */
public final class FluentBitMasking {

  /** The function Fluent Bit's lua filter calls ({@code call}). */
  public static final String FUNCTION = "minato_mask";

  private static final Set<ValueKind> DETECTORS = EnumSet.allOf(ValueKind.class);

  private static final String RUNTIME = runtime();

  private FluentBitMasking() {}

  /** A rule left out of the script, and why. */
  public record Skipped(Rule rule, String reason) {
    /** {@code 'name' at file:line:column: reason}. */
    public String describe() {
      return "rule '" + rule.name() + "' at " + rule.at() + ": " + reason;
    }
  }

  /** The script and the rules it could not hold. */
  public record Compiled(String script, List<Skipped> skipped, int compiledRules) {
    public Compiled {
      skipped = List.copyOf(skipped);
    }
  }

  public static Compiled compile(Ruleset ruleset, String title) {
    List<String> entries = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Rule rule : ruleset.rules()) {
      try {
        entries.add(entry(rule));
      } catch (LuaPatterns.UnsupportedException e) {
        skipped.add(new Skipped(rule, e.getMessage()));
      }
    }
    StringBuilder script = new StringBuilder();
    script
        .append("-- Masking rules of ")
        .append(title)
        .append(", compiled by minato; do not edit.\n");
    for (Skipped s : skipped) {
      // The line only, not the file's path: the script must not change with where it was rendered.
      script
          .append("-- NOT COMPILED: rule '")
          .append(oneLine(s.rule().name()))
          .append("' (line ")
          .append(s.rule().at().line())
          .append("): ")
          .append(oneLine(s.reason()))
          .append('\n');
    }
    script.append("\nRULES = {\n");
    entries.forEach(entry -> script.append("  ").append(entry).append(",\n"));
    script.append("}\n\n").append(RUNTIME);
    return new Compiled(script.toString(), skipped, entries.size());
  }

  private static String entry(Rule rule) throws LuaPatterns.UnsupportedException {
    String action = action(rule.action());
    Match match = rule.match();
    if (match instanceof Match.KeyName names) {
      StringBuilder set = new StringBuilder("{");
      names.names().forEach(n -> set.append('[').append(lua(n)).append("] = true, "));
      return "{name = " + lua(rule.name()) + ", names = " + set.append('}') + ", " + action + "}";
    }
    if (match instanceof Match.KeyPattern pattern) {
      LuaPatterns.Translation t = LuaPatterns.wholeMatch(pattern.regex());
      return "{name = "
          + lua(rule.name())
          + ", key_patterns = "
          + list(t.patterns())
          + ", lower = "
          + t.lowerCase()
          + ", "
          + action
          + "}";
    }
    if (match instanceof Match.ValuePattern pattern) {
      LuaPatterns.Translation t = LuaPatterns.search(pattern.regex());
      return "{name = "
          + lua(rule.name())
          + ", find = \"pattern\", patterns = "
          + list(t.patterns())
          + ", lower = "
          + t.lowerCase()
          + pattern.contains().map(c -> ", contains = " + lua(c)).orElse("")
          + in(pattern.in())
          + ", "
          + action
          + "}";
    }
    Match.Detector detector = (Match.Detector) match;
    if (!DETECTORS.contains(detector.kind())) {
      throw new LuaPatterns.UnsupportedException(
          "the '" + detector.kind().id() + "' detector has no Lua port yet");
    }
    return "{name = "
        + lua(rule.name())
        + ", find = "
        + lua(detector.kind().id())
        + in(detector.in())
        + ", "
        + action
        + "}";
  }

  /**
   * The action's Lua fields. {@code pseudonym} is refused: its HMAC key would have to be written
   * into the collector's ConfigMap, readable by whoever may read ConfigMaps in its namespace, and
   * HMAC-SHA256 needs 32-bit bit operations that Lua 5.1 lacks (LuaJIT's {@code bit} module is not
   * LuaJ's {@code bit32}, so one script could not be both run in Fluent Bit and proved here).
   */
  private static String action(Action action) throws LuaPatterns.UnsupportedException {
    if (action instanceof Action.Redact redact) {
      return "action = \"redact\", replacement = " + lua(redact.replacement());
    }
    if (action instanceof Action.Partial partial) {
      return "action = \"partial\", keep = " + partial.keep();
    }
    throw new LuaPatterns.UnsupportedException(
        "pseudonym needs the HMAC key, which would have to be written into the collector's"
            + " ConfigMap, and 32-bit bit operations Lua 5.1 lacks; mask it in the app"
            + " (minato-logback) or with 'minato logs mask'");
  }

  private static String in(List<String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    StringBuilder set = new StringBuilder(", [\"in\"] = {");
    labels.forEach(l -> set.append('[').append(lua(l)).append("] = true, "));
    return set.append('}').toString();
  }

  private static String list(List<String> items) {
    StringBuilder out = new StringBuilder("{");
    items.forEach(i -> out.append(lua(i)).append(", "));
    return out.append('}').toString();
  }

  /** A Lua 5.1 string literal: printable ASCII as is, every other byte as a decimal escape. */
  static String lua(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c >= 32 && c < 127) {
        out.append((char) c);
      } else {
        out.append('\\').append(String.format("%03d", c));
      }
    }
    return out.append('"').toString();
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]+", " ");
  }

  private static String runtime() {
    try (InputStream in = FluentBitMasking.class.getResourceAsStream("runtime.lua")) {
      if (in == null) {
        throw new IllegalStateException("runtime.lua is packaged beside FluentBitMasking");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
