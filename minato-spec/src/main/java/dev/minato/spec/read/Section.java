package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.Suggestions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * A cursor over one mapping of a minato YAML file (a spec, a node inventory, a platform file). Each
 * typed read remembers the field name, so that {@link #finish()} can report every field nobody
 * asked for as unknown, with a did-you-mean among the known ones. Type errors are reported here and
 * read as "absent", so binding carries on and the user sees all problems of a file at once.
 */
public final class Section {

  private final JsonNode node;
  private final String pointer;
  private final String field;
  private final Locator locator;
  private final Diagnostics diagnostics;
  private final TreeSet<String> known = new TreeSet<>();

  public Section(
      JsonNode node, String pointer, String field, Locator locator, Diagnostics diagnostics) {
    this.node = node;
    this.pointer = pointer;
    this.field = field;
    this.locator = locator;
    this.diagnostics = diagnostics;
  }

  public String field() {
    return field;
  }

  public JsonNode node() {
    return node;
  }

  /** The keys of this mapping as written, each marked as known. */
  public Iterator<String> rawFieldNames() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    known.addAll(names);
    return names.iterator();
  }

  /** The dotted name of a field of this section, for messages: {@code spec.resources.cpu}. */
  public String fieldName(String name) {
    return field.isEmpty() ? name : field + "." + name;
  }

  public String pointer(String name) {
    return JsonPointers.child(pointer, name);
  }

  public boolean has(String name) {
    known.add(name);
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** Where the value of a field was written. */
  public SourcePosition position(String name) {
    return locator.value(pointer(name));
  }

  /** Where this section was written. */
  public SourcePosition position() {
    return locator.value(pointer);
  }

  /** Reports a problem with the value of a field. */
  public void error(String name, String message) {
    String p = pointer(name);
    diagnostics.error(locator.value(p), locator.field(p, fieldName(name)), message);
  }

  /** Reports a problem with this section as a whole (a missing field, say). */
  public void errorHere(String message) {
    diagnostics.error(locator.value(pointer), locator.field(pointer, field), message);
  }

  public Optional<JsonNode> raw(String name) {
    known.add(name);
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  /** A scalar read as text; numbers and booleans are accepted and spelt as YAML would. */
  public Optional<String> string(String name) {
    Optional<JsonNode> value = raw(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!value.get().isValueNode()) {
      error(name, "expected a string, found " + describe(value.get()));
      return Optional.empty();
    }
    return Optional.of(value.get().asText());
  }

  public Optional<String> requiredString(String name, String example) {
    if (!has(name)) {
      errorHere("missing required field '" + name + "', e.g. " + name + ": " + example);
      return Optional.empty();
    }
    return string(name);
  }

  public OptionalInt integer(String name, int min, int max) {
    Optional<JsonNode> value = raw(name);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    JsonNode v = value.get();
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      error(name, "expected a whole number from " + min + " to " + max + ", found " + describe(v));
      return OptionalInt.empty();
    }
    int n = v.intValue();
    if (n < min || n > max) {
      error(name, "expected a whole number from " + min + " to " + max + ", found " + n);
      return OptionalInt.empty();
    }
    return OptionalInt.of(n);
  }

  public Optional<BigDecimal> decimal(String name, BigDecimal min, BigDecimal max) {
    Optional<JsonNode> value = raw(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    JsonNode v = value.get();
    if (!v.isNumber()) {
      error(name, "expected a number from " + min + " to " + max + ", found " + describe(v));
      return Optional.empty();
    }
    BigDecimal n = v.decimalValue();
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      error(name, "expected a number from " + min + " to " + max + ", found " + n);
      return Optional.empty();
    }
    return Optional.of(n);
  }

  public Optional<Boolean> bool(String name) {
    Optional<JsonNode> value = raw(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!value.get().isBoolean()) {
      error(name, "expected true or false, found " + describe(value.get()));
      return Optional.empty();
    }
    return Optional.of(value.get().booleanValue());
  }

  /** One of a fixed set of spellings (case-insensitive), with a did-you-mean otherwise. */
  public <E> Optional<E> choice(String name, Map<String, E> choices) {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<String, E> choice : choices.entrySet()) {
      if (choice.getKey().equalsIgnoreCase(text.get())) {
        return Optional.of(choice.getValue());
      }
    }
    error(
        name,
        "expected one of "
            + String.join(", ", choices.keySet())
            + ", found '"
            + text.get()
            + "'"
            + Suggestions.didYouMean(text.get(), choices.keySet()));
    return Optional.empty();
  }

  public Optional<Section> section(String name) {
    Optional<JsonNode> value = raw(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!value.get().isObject()) {
      error(name, "expected a mapping of fields, found " + describe(value.get()));
      return Optional.empty();
    }
    return Optional.of(
        new Section(value.get(), pointer(name), fieldName(name), locator, diagnostics));
  }

  /** A list of scalars; a single scalar is an error (a common slip for {@code command}). */
  public List<String> stringList(String name) {
    Optional<JsonNode> value = raw(name);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      error(
          name,
          "expected a list of strings, found "
              + describe(value.get())
              + (value.get().isTextual() ? "; write [\"" + value.get().asText() + "\"]" : ""));
      return List.of();
    }
    List<String> items = new ArrayList<>();
    int index = 0;
    for (JsonNode item : value.get()) {
      if (!item.isValueNode() || item.isNull()) {
        String itemPointer = JsonPointers.child(pointer(name), index);
        diagnostics.error(
            locator.value(itemPointer),
            locator.field(itemPointer, fieldName(name) + "[" + index + "]"),
            "expected a string, found " + describe(item));
      } else {
        items.add(item.asText());
      }
      index++;
    }
    return List.copyOf(items);
  }

  /** A mapping of names to scalar values, in the order written. */
  public Map<String, String> stringMap(String name) {
    Optional<Section> section = section(name);
    if (section.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    Section s = section.get();
    for (Iterator<Map.Entry<String, JsonNode>> it = s.node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getValue().isNull()) {
        continue; // a null removes an inherited entry in an environment override
      }
      if (!entry.getValue().isValueNode()) {
        s.error(entry.getKey(), "expected a string, found " + describe(entry.getValue()));
      } else {
        values.put(entry.getKey(), entry.getValue().asText());
      }
    }
    return values;
  }

  /** The elements of a list of mappings, each as a section. */
  public List<Section> sectionList(String name) {
    Optional<JsonNode> value = raw(name);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      error(name, "expected a list, found " + describe(value.get()));
      return List.of();
    }
    List<Section> items = new ArrayList<>();
    int index = 0;
    for (JsonNode item : value.get()) {
      String itemPointer = JsonPointers.child(pointer(name), index);
      String itemField = fieldName(name) + "[" + index + "]";
      if (!item.isObject()) {
        diagnostics.error(
            locator.value(itemPointer),
            locator.field(itemPointer, itemField),
            "expected a mapping, found " + describe(item));
      } else {
        items.add(new Section(item, itemPointer, itemField, locator, diagnostics));
      }
      index++;
    }
    return items;
  }

  /** Reports every field of this mapping that no read asked for. */
  public void finish() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        String p = pointer(name);
        diagnostics.error(
            locator.key(p),
            locator.field(p, fieldName(name)),
            "unknown field '" + name + "'" + Suggestions.didYouMean(name, known));
      }
    }
  }

  /** A short description of a value's type for messages. */
  public static String describe(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isTextual()) {
      return "'" + value.asText() + "'";
    }
    if (value.isNull()) {
      return "nothing";
    }
    return value.asText();
  }
}
