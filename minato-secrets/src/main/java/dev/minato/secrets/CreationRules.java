package dev.minato.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.Positions;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.YamlReader;
import dev.minato.secrets.age.AgeException;
import dev.minato.secrets.age.AgeRecipient;
import dev.minato.secrets.sops.EncryptionRules;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code .minato/secrets.yaml}: which age recipients and rules a new or rewrapped file gets, by
 * path, in the shape of SOPS's {@code .sops.yaml}: a list {@code creation_rules} of {@code
 * path_regex}, {@code age} (comma-separated or a list), at most one of {@code encrypted_regex},
 * {@code unencrypted_regex}, {@code encrypted_suffix}, {@code unencrypted_suffix}, {@code
 * encrypted_comment_regex}, {@code unencrypted_comment_regex}, and {@code mac_only_encrypted}; a
 * problem is reported at its {@code file:line:column}. The first rule whose regex is found in the
 * file's path (relative to the folder holding {@code .minato}, with {@code /}) applies.
 */
public record CreationRules(Path root, List<Rule> rules) {

  public static final String FILE = ".minato/secrets.yaml";

  /**
   * One rule: a path pattern and what a matching file is encrypted with; {@code selectorGiven}
   * tells whether the rule names a selector or leaves the default ({@code unencrypted_suffix:
   * _unencrypted}).
   */
  public record Rule(Pattern pathRegex, SopsDocument.Settings settings, boolean selectorGiven) {}

  public CreationRules {
    rules = List.copyOf(rules);
  }

  /** The rules of the nearest {@code .minato/secrets.yaml} at or above {@code file}'s folder. */
  public static Optional<CreationRules> find(Path file) throws SopsException {
    for (Path dir = file.toAbsolutePath().normalize().getParent();
        dir != null;
        dir = dir.getParent()) {
      Path config = dir.resolve(FILE);
      if (Files.isRegularFile(config)) {
        return Optional.of(read(config));
      }
    }
    return Optional.empty();
  }

  public static CreationRules read(Path config) throws SopsException {
    String text;
    try {
      text = Files.readString(config);
    } catch (IOException e) {
      throw new SopsException("cannot read " + config + ": " + e);
    }
    Document document;
    try {
      List<Document> documents = YamlReader.read(config.toString(), text);
      if (documents.isEmpty()) {
        throw new SopsException(
            config + ": empty; expected a list 'creation_rules' of {path_regex, age} entries");
      }
      document = documents.get(0);
    } catch (ManifestException e) {
      throw new SopsException(e.located());
    }
    JsonNode list = document.root().path("creation_rules");
    if (!list.isArray() || list.isEmpty()) {
      throw new SopsException(
          document.positions().value("/creation_rules")
              + ": expected a list 'creation_rules' of {path_regex, age} entries");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(list.get(i), "/creation_rules/" + i, document.positions()));
    }
    return new CreationRules(config.toAbsolutePath().getParent().getParent(), rules);
  }

  /** A problem with one field of a rule, at {@code file:line:column} of its value. */
  private static SopsException at(Positions positions, String pointer, String field, String what) {
    String name = "creation_rules[" + pointer.substring(pointer.lastIndexOf('/') + 1) + "]";
    return new SopsException(
        positions.value(field.isEmpty() ? pointer : JsonPointers.child(pointer, field))
            + ": "
            + name
            + (field.isEmpty() ? "" : "." + field)
            + ": "
            + what);
  }

  private static Rule rule(JsonNode node, String pointer, Positions positions)
      throws SopsException {
    List<String> known = new ArrayList<>(List.of("path_regex", "age", "mac_only_encrypted"));
    known.addAll(EncryptionRules.Kind.fields());
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new SopsException(
            positions.key(JsonPointers.child(pointer, name))
                + ": creation_rules["
                + pointer.substring(pointer.lastIndexOf('/') + 1)
                + "]: unknown field '"
                + name
                + "' (minato reads "
                + String.join(", ", known)
                + ")"
                + Suggestions.didYouMean(name, known));
      }
    }
    Pattern path;
    try {
      path = Pattern.compile(node.path("path_regex").asText(""));
    } catch (PatternSyntaxException e) {
      throw at(positions, pointer, "path_regex", "not a regular expression: " + e.getDescription());
    }
    List<AgeRecipient> recipients = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    JsonNode age = node.path("age");
    if (age.isArray()) {
      age.forEach(r -> texts.add(r.asText()));
    } else {
      texts.addAll(List.of(age.asText("").split(",")));
    }
    for (String text : texts) {
      if (text.isBlank()) {
        continue;
      }
      try {
        recipients.add(AgeRecipient.parse(text.strip()));
      } catch (AgeException e) {
        throw at(positions, pointer, "age", e.getMessage());
      }
    }
    if (recipients.isEmpty()) {
      throw at(positions, pointer, "age", "expected at least one age1… recipient");
    }
    EncryptionRules.Selector selector = null;
    // In the file's order, so that the second selector is the one reported.
    for (var fields = node.fields(); fields.hasNext(); ) {
      var field = fields.next();
      Optional<EncryptionRules.Kind> found = EncryptionRules.Kind.ofField(field.getKey());
      if (found.isEmpty()) {
        continue;
      }
      EncryptionRules.Kind kind = found.get();
      JsonNode value = field.getValue();
      if (selector != null) {
        throw at(
            positions,
            pointer,
            kind.field(),
            "cannot be used with "
                + selector.kind().field()
                + " in the same rule: SOPS allows at most one of "
                + String.join(", ", EncryptionRules.Kind.fields())
                + "; keep one");
      }
      if (!value.isTextual() || value.asText().isEmpty()) {
        throw at(positions, pointer, kind.field(), "expected a non-empty string");
      }
      try {
        selector = new EncryptionRules.Selector(kind, value.asText());
      } catch (IllegalArgumentException e) {
        throw at(
            positions,
            pointer,
            kind.field(),
            e.getMessage() + " (SOPS reads it with Go's RE2 syntax; write a regex both accept)");
      }
    }
    JsonNode macOnly = node.path("mac_only_encrypted");
    if (!macOnly.isMissingNode() && !macOnly.isBoolean()) {
      throw at(positions, pointer, "mac_only_encrypted", "expected true or false");
    }
    EncryptionRules rules =
        EncryptionRules.of(Optional.ofNullable(selector), macOnly.asBoolean(false));
    return new Rule(path, new SopsDocument.Settings(recipients, rules), selector != null);
  }

  /** The settings for {@code file}, or a message naming the rules that did not match. */
  public SopsDocument.Settings settingsFor(Path file) throws SopsException {
    return ruleFor(file).settings();
  }

  /** The rule for {@code file}, or a message naming the rules that did not match. */
  public Rule ruleFor(Path file) throws SopsException {
    String relative =
        root.toAbsolutePath()
            .normalize()
            .relativize(file.toAbsolutePath().normalize())
            .toString()
            .replace('\\', '/');
    for (Rule rule : rules) {
      if (rule.pathRegex().matcher(relative).find()) {
        return rule;
      }
    }
    throw new SopsException(
        "no creation rule in "
            + root.resolve(FILE)
            + " matches "
            + relative
            + " (path_regex: "
            + String.join(", ", rules.stream().map(r -> r.pathRegex().pattern()).toList())
            + ")");
  }
}
