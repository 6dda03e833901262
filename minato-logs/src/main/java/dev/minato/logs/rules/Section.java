package dev.minato.logs.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.Positions;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One mapping of the ruleset file with its JSON pointer, and the typed reads of its fields, each
 * failing at the {@code file:line:column} of the field with what was expected.
 */
final class Section {

  private final JsonNode node;
  private final String pointer;
  private final Positions positions;

  private Section(JsonNode node, String pointer, Positions positions) {
    this.node = node;
    this.pointer = pointer;
    this.positions = positions;
  }

  /** The mapping at {@code pointer}, or an error saying {@code what} it should have been. */
  static Section of(JsonNode node, String pointer, Positions positions, String what)
      throws ManifestException {
    if (!node.isObject()) {
      throw new ManifestException(positions.value(pointer), what + " must be a mapping of fields");
    }
    return new Section(node, pointer, positions);
  }

  /** Refuses a field that is not one of {@code known}, with a did-you-mean. */
  Section allowOnly(List<String> known) throws ManifestException {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new ManifestException(
            positions.key(at(name)),
            "unknown field '"
                + name
                + "'"
                + Suggestions.didYouMean(name, known)
                + " (known here: "
                + String.join(", ", known)
                + ")");
      }
    }
    return this;
  }

  boolean has(String field) {
    return node.has(field) && !node.get(field).isNull();
  }

  String at(String field) {
    return JsonPointers.child(pointer, field);
  }

  SourcePosition keyPosition(String field) {
    return positions.key(at(field));
  }

  SourcePosition valuePosition(String field) {
    return positions.value(at(field));
  }

  SourcePosition position() {
    return positions.value(pointer);
  }

  ManifestException error(String field, String message) {
    return new ManifestException(valuePosition(field), message);
  }

  Optional<String> text(String field) throws ManifestException {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isValueNode()) {
      throw error(field, "'" + field + "' must be a text value, not a mapping or a list");
    }
    return Optional.of(value.asText());
  }

  String requiredText(String field, String expected) throws ManifestException {
    Optional<String> text = text(field);
    if (text.isEmpty() || text.get().isEmpty()) {
      throw new ManifestException(
          has(field) ? valuePosition(field) : position(),
          "'" + field + "' is required: " + expected);
    }
    return text.get();
  }

  Optional<Integer> integer(String field, int min, int max) throws ManifestException {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw error(field, "'" + field + "' must be a whole number from " + min + " to " + max);
    }
    int number = value.intValue();
    if (number < min || number > max) {
      throw error(field, "'" + field + "' must be from " + min + " to " + max + ", not " + number);
    }
    return Optional.of(number);
  }

  /** A list of texts; a single text is read as a list of one. */
  List<String> texts(String field) throws ManifestException {
    List<String> texts = new ArrayList<>();
    if (!has(field)) {
      return texts;
    }
    JsonNode value = node.get(field);
    if (value.isValueNode()) {
      texts.add(value.asText());
      return texts;
    }
    if (!value.isArray()) {
      throw error(field, "'" + field + "' must be a list of texts");
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isValueNode() || item.isNull()) {
        throw new ManifestException(
            positions.value(JsonPointers.child(at(field), i)),
            "'" + field + "' must be a list of texts; item " + (i + 1) + " is not");
      }
      texts.add(item.asText());
    }
    return texts;
  }

  /** The mappings of a list field, each as a section. */
  List<Section> list(String field, String what) throws ManifestException {
    List<Section> items = new ArrayList<>();
    if (!has(field)) {
      return items;
    }
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      throw error(field, "'" + field + "' must be a list of " + what);
    }
    for (int i = 0; i < value.size(); i++) {
      String itemPointer = JsonPointers.child(at(field), i);
      items.add(Section.of(value.get(i), itemPointer, positions, "each item of '" + field + "'"));
    }
    return items;
  }

  Optional<Section> section(String field, String what) throws ManifestException {
    return has(field)
        ? Optional.of(Section.of(node.get(field), at(field), positions, what))
        : Optional.empty();
  }

  /** The field names of this mapping, with their value sections' raw nodes, for maps of texts. */
  Iterator<String> fieldNames() {
    return node.fieldNames();
  }

  JsonNode raw(String field) {
    return node.get(field);
  }
}
