package dev.minato.cluster.migrate;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;

/**
 * How the stop phase stops one kind of workload on the source (the field it sets and the value that
 * means stopped), and how that is undone in the form created on the target.
 *
 * <p>The value the field had before the stop is kept on the source object itself, in the annotation
 * {@link #ANNOTATION}: after scaling to zero the source no longer shows how many replicas ran, and
 * the knowledge must survive any re-plan (a resume, a second migration, a removal cut short)
 * without the state file holding object content. The value is a replica count, a suspend flag or
 * nothing: never Secret content.
 *
 * @param field the JSON pointer of the field the stop sets
 * @param stopped the value that means stopped
 */
record StopMark(JsonPointer field, JsonNode stopped) {

  /** Where the stop phase keeps the stopped field's previous value, as JSON text. */
  static final String ANNOTATION = "minato.dev/migration-stopped-from";

  /** The node label no node carries, which removes a DaemonSet's pods. */
  static final String AWAY_LABEL = "minato.dev/migrated-away";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How {@code kind} is stopped by changing a field; empty for kinds stopped otherwise or not. */
  static Optional<StopMark> of(String kind) {
    return switch (kind) {
      case "Deployment", "StatefulSet", "ReplicaSet" ->
          Optional.of(new StopMark(JsonPointer.compile("/spec/replicas"), IntNode.valueOf(0)));
      case "CronJob" ->
          Optional.of(new StopMark(JsonPointer.compile("/spec/suspend"), BooleanNode.TRUE));
      case "DaemonSet" ->
          Optional.of(
              new StopMark(
                  JsonPointer.compile("/spec/template/spec/nodeSelector")
                      .append(JsonPointer.compile("/" + AWAY_LABEL.replace("/", "~1"))),
                  TextNode.valueOf("true")));
      default -> Optional.empty();
    };
  }

  /** Whether the live object has the field at its stopped value. */
  boolean isStopped(JsonNode live) {
    return same(live.at(field), stopped);
  }

  /**
   * The server-side apply change that stops {@code live}: the field at its stopped value and the
   * annotation with its current value ({@code null} when absent).
   */
  ObjectNode change(ObjectNode identity, JsonNode live) {
    ObjectNode change = identity.deepCopy();
    JsonNode before = live.at(field);
    change
        .withObject("/metadata")
        .withObject("/annotations")
        .put(ANNOTATION, before.isMissingNode() ? "null" : before.toString());
    ObjectNode parent = change.withObject(field.head());
    parent.set(field.last().getMatchingProperty(), stopped);
    return change;
  }

  /**
   * The form to create on the target, from the source's cleaned object: while the source is stopped
   * by minato, the field gets back the value it had before; the annotation never travels.
   */
  static ObjectNode undo(ObjectNode clean) {
    ObjectNode form = clean.deepCopy();
    JsonNode annotations = form.path("metadata").path("annotations");
    if (!annotations.has(ANNOTATION)) {
      return form;
    }
    String before = annotations.path(ANNOTATION).asText();
    ((ObjectNode) annotations).remove(ANNOTATION);
    if (annotations.isEmpty()) {
      form.withObject("/metadata").remove("annotations");
    }
    Optional<StopMark> mark = of(form.path("kind").asText());
    if (mark.isEmpty() || !mark.get().isStopped(form)) {
      return form; // re-applied since the stop: the live value is the newer intent
    }
    JsonNode previous;
    try {
      previous = JSON.readTree(before);
    } catch (JsonProcessingException e) {
      return form; // not written by minato: leave the object as the source holds it
    }
    ObjectNode parent = (ObjectNode) form.at(mark.get().field().head());
    String name = mark.get().field().last().getMatchingProperty();
    if (previous == null || previous.isNull()) {
      parent.remove(name);
      if (parent.isEmpty() && name.equals(AWAY_LABEL)) {
        removeEmpty(form, mark.get().field().head());
      }
    } else {
      parent.set(name, previous);
    }
    return form;
  }

  /** Removes an object the stop created (a DaemonSet's nodeSelector) once it is empty again. */
  private static void removeEmpty(ObjectNode form, JsonPointer empty) {
    JsonPointer parent = empty.head();
    if (parent != null && form.at(parent) instanceof ObjectNode holder) {
      holder.remove(empty.last().getMatchingProperty());
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    return !a.isMissingNode() && a.asText().equals(b.asText()) && a.isNumber() == b.isNumber();
  }
}
