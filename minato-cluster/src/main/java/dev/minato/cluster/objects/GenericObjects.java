package dev.minato.cluster.objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.ObjectKey;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Converts between minato's object trees and fabric8's generic resources. */
public final class GenericObjects {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GenericObjects() {}

  public static GenericKubernetesResource toResource(ObjectNode tree) {
    return MAPPER.convertValue(tree, GenericKubernetesResource.class);
  }

  public static ObjectNode toTree(GenericKubernetesResource resource) {
    return MAPPER.valueToTree(resource);
  }

  /** The identity of a tree, as {@link ObjectKey}. */
  public static ObjectKey keyOf(ObjectNode tree) {
    String apiVersion = tree.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    return new ObjectKey(
        slash < 0 ? "" : apiVersion.substring(0, slash),
        tree.path("kind").asText(""),
        tree.path("metadata").path("namespace").asText(""),
        tree.path("metadata").path("name").asText(""));
  }
}
