package dev.minato.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes object as a tree, with the position it came from. Every step after reading or
 * rendering (writers, the checker, the edge renderers, the cluster) uses this one representation.
 *
 * <p>The tree is shared, not copied: treat it as read-only and {@code deepCopy()} before changing.
 */
public record KubeObject(ObjectNode tree, SourcePosition source, Positions positions) {

  public KubeObject {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(positions, "positions");
  }

  /** An object built in memory; every position lookup answers with {@code source}. */
  public static KubeObject synthetic(ObjectNode tree, SourcePosition source) {
    return new KubeObject(tree, source, Positions.synthetic(source));
  }

  /** The object a document holds, if the document is a mapping with {@code apiVersion} and kind. */
  public static Optional<KubeObject> of(Document document) {
    if (!(document.root() instanceof ObjectNode tree)
        || !tree.path("apiVersion").isTextual()
        || !tree.path("kind").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(new KubeObject(tree, document.start(), document.positions()));
  }

  public String apiVersion() {
    return tree.path("apiVersion").asText("");
  }

  public String kind() {
    return tree.path("kind").asText("");
  }

  /** The API group: empty for the core group ({@code v1}). */
  public String group() {
    String apiVersion = apiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String name() {
    return tree.path("metadata").path("name").asText("");
  }

  public String namespace() {
    return tree.path("metadata").path("namespace").asText("");
  }

  public ObjectKey key() {
    return new ObjectKey(group(), kind(), namespace(), name());
  }

  /** The node at a JSON pointer ({@code /spec/template}), or a missing node. */
  public JsonNode at(String pointer) {
    return tree.at(pointer);
  }

  /** Where the value at {@code pointer} came from, or the nearest ancestor's position. */
  public SourcePosition positionOf(String pointer) {
    return positions.value(pointer);
  }
}
