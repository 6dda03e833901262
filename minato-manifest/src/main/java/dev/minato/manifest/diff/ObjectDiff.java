package dev.minato.manifest.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * What happens to one Kubernetes object, for a person to review: created, deleted, or changed in
 * the listed fields. Rendered as a header ({@code ~ Deployment/shop/web}) and one indented line per
 * field ({@code ~ spec.template.spec.containers[app].image: registry/a:1 → registry/a:2}).
 *
 * <p>The factories that compare two versions mask Secret values first ({@link SecretValues}): this
 * is the only way minato turns two objects into a diff, so a Secret's data cannot reach the output.
 */
public record ObjectDiff(String object, Change change, String note, List<FieldChange> fields) {

  /** What happens to the object as a whole. */
  public enum Change {
    CREATED("+"),
    DELETED("-"),
    CHANGED("~");

    private final String marker;

    Change(String marker) {
      this.marker = marker;
    }
  }

  public ObjectDiff {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(note, "note");
    fields = List.copyOf(fields);
  }

  public static ObjectDiff created(String object) {
    return new ObjectDiff(object, Change.CREATED, "created", List.of());
  }

  public static ObjectDiff deleted(String object, String note) {
    return new ObjectDiff(object, Change.DELETED, note, List.of());
  }

  /** The fields that change from {@code before} to {@code after}, Secret values masked. */
  public static ObjectDiff changed(String object, JsonNode before, JsonNode after) {
    JsonNode shownBefore = before.deepCopy();
    JsonNode shownAfter = after.deepCopy();
    SecretValues.mask(shownBefore, shownAfter);
    return new ObjectDiff(object, Change.CHANGED, "", FieldDiff.between(shownBefore, shownAfter));
  }

  /**
   * How a live object departs from the fields a desired object sets, as the changes that would
   * bring it back ({@code live → desired}). Defaults and status the server added are not
   * differences ({@link Projection}); a desired Secret's {@code stringData} is compared as the
   * {@code data} the server stores it as (unless the live object kept {@code stringData}).
   */
  public static ObjectDiff drifted(String object, JsonNode live, JsonNode desired) {
    // A real API server never returns stringData; minato's emulator keeps it as applied.
    boolean encodes = SecretValues.isSecret(desired) && !live.has("stringData");
    JsonNode stored = encodes ? asStored(desired) : desired;
    return changed(object, Projection.onto(live, stored), stored);
  }

  /** A changed object whose fields are all equal: nothing to show. */
  public boolean isEmpty() {
    return change == Change.CHANGED && fields.isEmpty();
  }

  /** The header and field lines, each ending in a newline; empty when nothing changes. */
  public String render() {
    if (isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append(change.marker).append(' ').append(object);
    if (!note.isEmpty()) {
      out.append(" (").append(note).append(')');
    }
    out.append('\n');
    for (FieldChange field : fields) {
      for (String line : field.lines()) {
        out.append("    ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** A Secret as the API server stores it: {@code stringData} merged into {@code data}, encoded. */
  private static JsonNode asStored(JsonNode secret) {
    JsonNode data = secret.path("data");
    if (!(secret.get("stringData") instanceof ObjectNode stringData)
        || !(data.isObject() || data.isMissingNode())) {
      return secret;
    }
    ObjectNode stored = secret.deepCopy();
    stored.remove("stringData");
    ObjectNode merged = stored.withObject("/data");
    stringData
        .fields()
        .forEachRemaining(
            field ->
                merged.put(
                    field.getKey(),
                    Base64.getEncoder()
                        .encodeToString(
                            field.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    return stored;
  }
}
