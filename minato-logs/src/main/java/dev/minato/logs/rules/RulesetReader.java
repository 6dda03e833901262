package dev.minato.logs.rules;

import dev.minato.logs.read.LogFormat;
import dev.minato.logs.write.OutputFormat;
import dev.minato.manifest.Document;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a masking ruleset ({@code .minato/logs.yaml}). Every mistake is a {@link ManifestException}
 * at its {@code file:line:column} saying what was expected, with a did-you-mean for misspelt fields
 * and names; nothing is guessed.
 */
public final class RulesetReader {

  /** Where the ruleset lives relative to a repository root. */
  public static final Path DEFAULT_LOCATION = Path.of(".minato", "logs.yaml");

  private static final List<String> TOP = List.of("pseudonym", "rules", "routing", "tests");
  private static final List<String> RULE =
      List.of(
          "name",
          "keys",
          "keyPattern",
          "value",
          "valuePattern",
          "contains",
          "in",
          "action",
          "keep",
          "replacement");
  private static final List<String> MATCHES =
      List.of("keys", "keyPattern", "value", "valuePattern");
  private static final List<String> ACTIONS = List.of("redact", "partial", "pseudonym");
  private static final List<String> KEYS = List.of("current", "keys");
  private static final List<String> KEY = List.of("id", "env", "file");
  private static final List<String> ROUTING = List.of("label", "streams", "default");
  private static final List<String> TEST =
      List.of("name", "input", "from", "expect", "to", "stream");

  private RulesetReader() {}

  /** Reads {@code file}; relative key file paths are taken from its directory. */
  public static Ruleset read(Path file) throws ManifestException {
    Path base = file.toAbsolutePath().getParent();
    return read(YamlReader.read(file), file.toString(), base);
  }

  /** Reads ruleset {@code text} named {@code sourceName}; key files relative to {@code base}. */
  public static Ruleset read(String sourceName, String text, Path base) throws ManifestException {
    return read(YamlReader.read(sourceName, text), sourceName, base);
  }

  private static Ruleset read(List<Document> documents, String sourceName, Path base)
      throws ManifestException {
    if (documents.isEmpty()) {
      return Ruleset.empty();
    }
    if (documents.size() > 1) {
      throw new ManifestException(
          documents.get(1).start(), "a ruleset is one YAML document; remove the second '---'");
    }
    Document document = documents.get(0);
    Section top =
        Section.of(document.root(), "", document.positions(), "the ruleset").allowOnly(TOP);
    Optional<PseudonymKeys> keys = keys(top, base);
    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Section> items = top.list("rules", "rules");
    for (int i = 0; i < items.size(); i++) {
      Rule rule = rule(items.get(i), i);
      if (!names.add(rule.name())) {
        throw items
            .get(i)
            .error("name", "a second rule named '" + rule.name() + "'; names are unique");
      }
      if (rule.action() instanceof Action.Pseudonym && keys.isEmpty()) {
        throw items
            .get(i)
            .error(
                "action",
                "action 'pseudonym' needs keys: add 'pseudonym: {current: ID, keys: [{id: ID, env:"
                    + " VARIABLE}]}' at the top of the ruleset");
      }
      rules.add(rule);
    }
    Optional<Routing> routing = routing(top);
    List<VectorCase> tests = new ArrayList<>();
    for (Section test : top.list("tests", "vector cases")) {
      tests.add(test(test, routing.isPresent()));
    }
    return new Ruleset(rules, keys, routing, tests);
  }

  /** Reads only the {@code tests} of a file of vector cases kept apart from the ruleset. */
  public static List<VectorCase> readCases(Path file, boolean routed) throws ManifestException {
    List<Document> documents = YamlReader.read(file);
    List<VectorCase> tests = new ArrayList<>();
    if (documents.isEmpty()) {
      return tests;
    }
    Document document = documents.get(0);
    Section top =
        Section.of(document.root(), "", document.positions(), "a file of vector cases")
            .allowOnly(List.of("tests"));
    for (Section test : top.list("tests", "vector cases")) {
      tests.add(test(test, routed));
    }
    return tests;
  }

  private static Rule rule(Section rule, int index) throws ManifestException {
    rule.allowOnly(RULE);
    String name = rule.text("name").orElse("rule " + (index + 1));
    List<String> given = MATCHES.stream().filter(rule::has).toList();
    if (given.size() != 1) {
      throw new ManifestException(
          given.isEmpty() ? rule.position() : rule.keyPosition(given.get(1)),
          "rule '"
              + name
              + "' needs exactly one of "
              + String.join(", ", MATCHES)
              + (given.isEmpty() ? "" : "; it has " + String.join(" and ", given)));
    }
    Match match = match(rule, given.get(0));
    Action action = action(rule, name);
    return new Rule(name, match, action, rule.position());
  }

  private static Match match(Section rule, String kind) throws ManifestException {
    boolean onValues = kind.equals("value") || kind.equals("valuePattern");
    for (String field : List.of("in", "contains")) {
      if (rule.has(field) && (!onValues || (field.equals("contains") && kind.equals("value")))) {
        throw new ManifestException(
            rule.keyPosition(field),
            "'"
                + field
                + "' goes with "
                + (field.equals("in") ? "'value' or 'valuePattern'" : "'valuePattern'")
                + ", not with '"
                + kind
                + "'");
      }
    }
    try {
      return switch (kind) {
        case "keys" -> {
          List<String> names = rule.texts("keys");
          if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
            throw rule.error("keys", "'keys' must list one or more non-empty label names");
          }
          yield new Match.KeyName(names);
        }
        case "keyPattern" ->
            new Match.KeyPattern(rule.requiredText("keyPattern", "a Java regular expression"));
        case "value" -> {
          String id = rule.requiredText("value", "one of " + String.join(", ", ValueKind.ids()));
          ValueKind valueKind =
              ValueKind.of(id)
                  .orElseThrow(
                      () ->
                          rule.error(
                              "value",
                              "value '"
                                  + id
                                  + "' is not one of "
                                  + String.join(", ", ValueKind.ids())
                                  + ValueKind.didYouMean(id)));
          yield new Match.Detector(valueKind, rule.texts("in"));
        }
        default ->
            new Match.ValuePattern(
                rule.requiredText("valuePattern", "a Java regular expression"),
                rule.text("contains"),
                rule.texts("in"));
      };
    } catch (IllegalArgumentException e) {
      throw rule.error(kind, "'" + kind + "': " + e.getMessage());
    }
  }

  private static Action action(Section rule, String name) throws ManifestException {
    String id =
        rule.requiredText("action", "what to do with a match: " + String.join(", ", ACTIONS));
    if (!ACTIONS.contains(id)) {
      throw rule.error(
          "action",
          "action '"
              + id
              + "' is not one of "
              + String.join(", ", ACTIONS)
              + Suggestions.didYouMean(id, ACTIONS));
    }
    if (rule.has("keep") && !id.equals("partial")) {
      throw new ManifestException(
          rule.keyPosition("keep"), "'keep' goes with action 'partial', not '" + id + "'");
    }
    if (rule.has("replacement") && !id.equals("redact")) {
      throw new ManifestException(
          rule.keyPosition("replacement"),
          "'replacement' goes with action 'redact', not '" + id + "'");
    }
    return switch (id) {
      case "redact" -> new Action.Redact(rule.text("replacement").orElse(Action.Redact.DEFAULT));
      case "partial" ->
          new Action.Partial(rule.integer("keep", 0, 64).orElse(Action.Partial.DEFAULT_KEEP));
      default -> new Action.Pseudonym();
    };
  }

  private static Optional<PseudonymKeys> keys(Section top, Path base) throws ManifestException {
    Optional<Section> section = top.section("pseudonym", "'pseudonym'");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Section pseudonym = section.get().allowOnly(KEYS);
    List<PseudonymKeys.KeyRef> refs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Section key : pseudonym.list("keys", "keys ({id, env} or {id, file})")) {
      key.allowOnly(KEY);
      String id = key.requiredText("id", "the key's id, written into its tokens");
      if (!PseudonymKeys.ID.matcher(id).matches()) {
        throw key.error(
            "id", "key id '" + id + "' must be 1 to 32 lower-case letters, digits, '-'");
      }
      if (!ids.add(id)) {
        throw key.error("id", "a second key with id '" + id + "'; ids are unique");
      }
      if (key.has("env") == key.has("file")) {
        throw new ManifestException(
            key.position(),
            "key '"
                + id
                + "' needs exactly one of 'env' (an environment variable) or 'file' (a path)");
      }
      PseudonymKeys.KeySource source =
          key.has("env")
              ? new PseudonymKeys.EnvVariable(key.requiredText("env", "a variable name"))
              : new PseudonymKeys.KeyFile(base.resolve(key.requiredText("file", "a path")));
      refs.add(new PseudonymKeys.KeyRef(id, source));
    }
    if (refs.isEmpty()) {
      throw new ManifestException(
          pseudonym.has("keys") ? pseudonym.valuePosition("keys") : pseudonym.position(),
          "'pseudonym' needs 'keys': a list of {id, env} or {id, file}");
    }
    String current = pseudonym.text("current").orElse(refs.size() == 1 ? refs.get(0).id() : "");
    if (current.isEmpty()) {
      throw new ManifestException(
          pseudonym.position(), "'current' is required with more than one key: the id to use");
    }
    if (!ids.contains(current)) {
      throw pseudonym.error(
          "current",
          "current key '" + current + "' is not in keys" + Suggestions.didYouMean(current, ids));
    }
    return Optional.of(new PseudonymKeys(current, refs));
  }

  private static Optional<Routing> routing(Section top) throws ManifestException {
    Optional<Section> section = top.section("routing", "'routing'");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Section routing = section.get().allowOnly(ROUTING);
    String label = routing.requiredText("label", "the label that chooses the stream, e.g. app");
    Map<String, String> streams = new LinkedHashMap<>();
    Optional<Section> map = routing.section("streams", "'streams' (label value: stream name)");
    if (map.isPresent()) {
      Iterator<String> values = map.get().fieldNames();
      while (values.hasNext()) {
        String value = values.next();
        String stream = map.get().requiredText(value, "a stream name");
        requireStream(stream, map.get().valuePosition(value));
        streams.put(value, stream);
      }
    }
    String fallback = routing.text("default").orElse("default");
    requireStream(fallback, routing.valuePosition("default"));
    return Optional.of(new Routing(label, streams, fallback));
  }

  private static void requireStream(String stream, SourcePosition at) throws ManifestException {
    if (!Routing.NAME.matcher(stream).matches()) {
      throw new ManifestException(
          at,
          "stream '"
              + stream
              + "' must be letters, digits, '.', '_' and '-', starting with a letter or digit"
              + " (it names a file, a log group or an index)");
    }
  }

  private static VectorCase test(Section test, boolean routed) throws ManifestException {
    test.allowOnly(TEST);
    String name = test.requiredText("name", "what the case shows");
    String input = test.requiredText("input", "a log line");
    LogFormat from = format(test, "from", LogFormat::of, LogFormat.ids()).orElse(LogFormat.LTSV);
    OutputFormat to =
        format(test, "to", OutputFormat::of, OutputFormat.ids())
            .orElse(VectorCase.defaultOutput(from));
    if (!test.has("expect")) {
      throw new ManifestException(test.position(), "'expect' is required: the masked line");
    }
    String expect = test.text("expect").orElseThrow();
    Optional<String> stream = test.text("stream");
    if (stream.isPresent() && !routed) {
      throw new ManifestException(
          test.keyPosition("stream"), "'stream' is checked only when the ruleset has 'routing'");
    }
    return new VectorCase(name, input, from, expect, to, stream, test.position());
  }

  private static <T> Optional<T> format(
      Section test, String field, Function<String, Optional<T>> of, List<String> ids)
      throws ManifestException {
    if (!test.has(field)) {
      return Optional.empty();
    }
    String id = test.requiredText(field, "a format: " + String.join(", ", ids));
    Optional<T> format = of.apply(id);
    if (format.isEmpty()) {
      throw test.error(
          field,
          "format '"
              + id
              + "' is not one of "
              + String.join(", ", ids)
              + Suggestions.didYouMean(id, ids));
    }
    return format;
  }
}
