package dev.minato.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.secrets.age.AgeException;
import dev.minato.secrets.age.AgeRecipient;
import dev.minato.secrets.sops.EncryptionRules;
import dev.minato.secrets.sops.SopsDocument;
import dev.minato.secrets.sops.SopsException;
import dev.minato.secrets.sops.SopsFormat;
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
 * path_regex}, {@code age} (comma-separated or a list) and at most one of {@code encrypted_regex},
 * {@code unencrypted_regex}, {@code encrypted_suffix}, {@code unencrypted_suffix}; the first rule
 * whose regex is found in the file's path (relative to the folder holding {@code .minato}, with
 * {@code /}) applies.
 */
public record CreationRules(Path root, List<Rule> rules) {

  public static final String FILE = ".minato/secrets.yaml";

  /** One rule: a path pattern and what a matching file is encrypted with. */
  public record Rule(Pattern pathRegex, SopsDocument.Settings settings) {}

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
    JsonNode tree = SopsFormat.YAML.read(text, config.toString());
    JsonNode list = tree.path("creation_rules");
    if (!list.isArray() || list.isEmpty()) {
      throw new SopsException(
          config + ": expected a list 'creation_rules' of {path_regex, age} entries");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(list.get(i), config + ": creation_rules[" + i + "]"));
    }
    return new CreationRules(config.getParent().getParent(), rules);
  }

  private static Rule rule(JsonNode node, String where) throws SopsException {
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!List.of(
              "path_regex",
              "age",
              "encrypted_regex",
              "unencrypted_regex",
              "encrypted_suffix",
              "unencrypted_suffix",
              "mac_only_encrypted")
          .contains(name)) {
        throw new SopsException(
            where
                + ": unknown field '"
                + name
                + "' (minato reads path_regex, age, encrypted_regex, unencrypted_regex,"
                + " encrypted_suffix, unencrypted_suffix, mac_only_encrypted)");
      }
    }
    Pattern path;
    try {
      path = Pattern.compile(node.path("path_regex").asText(""));
    } catch (PatternSyntaxException e) {
      throw new SopsException(
          where + ".path_regex: not a regular expression: " + e.getDescription());
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
        recipients.add(AgeRecipient.parse(text));
      } catch (AgeException e) {
        throw new SopsException(where + ".age: " + e.getMessage());
      }
    }
    if (recipients.isEmpty()) {
      throw new SopsException(where + ".age: expected at least one age1… recipient");
    }
    try {
      EncryptionRules rules =
          new EncryptionRules(
              text(node, "unencrypted_suffix"),
              text(node, "encrypted_suffix"),
              text(node, "unencrypted_regex"),
              text(node, "encrypted_regex"),
              node.path("mac_only_encrypted").asBoolean(false));
      return new Rule(path, new SopsDocument.Settings(recipients, rules));
    } catch (IllegalArgumentException e) {
      throw new SopsException(where + ": " + e.getMessage());
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.path(field).isTextual() ? Optional.of(node.path(field).asText()) : Optional.empty();
  }

  /** The settings for {@code file}, or a message naming the rules that did not match. */
  public SopsDocument.Settings settingsFor(Path file) throws SopsException {
    String relative =
        root.toAbsolutePath()
            .normalize()
            .relativize(file.toAbsolutePath().normalize())
            .toString()
            .replace('\\', '/');
    for (Rule rule : rules) {
      if (rule.pathRegex().matcher(relative).find()) {
        return rule.settings();
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
