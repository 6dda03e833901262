package dev.minato.cluster.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.resource.LoadTestCrd;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.YamlWriter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/** A LoadTest object as the controller reads it: its scenario, its shard count, its identity. */
final class LoadTestResource {

  static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup(LoadTestCrd.GROUP)
          .withVersion(LoadTestCrd.VERSION)
          .withKind(LoadTestCrd.KIND)
          .withPlural(LoadTestCrd.PLURAL)
          .withNamespaced(true)
          .build();

  /** The annotation that says how many shards (pods) run the test; default 1. */
  static final String SHARDS_ANNOTATION = "load.minato.dev/shards";

  /** The label on every object the controller creates for a LoadTest: the LoadTest's name. */
  static final String LOADTEST_LABEL = "load.minato.dev/loadtest";

  static final int MAX_SHARDS = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** File references a pod in the cluster cannot follow: the controller has no scenario folder. */
  private static final List<String> FILE_FIELDS =
      List.of("bodyFile", "caFile", "certFile", "keyFile");

  private LoadTestResource() {}

  static JsonNode tree(GenericKubernetesResource resource) {
    return JSON.valueToTree(resource);
  }

  /** The scenario the LoadTest's spec describes, read by the same reader as a file. */
  static Scenario scenario(JsonNode loadTest) throws ScenarioException {
    String source =
        "LoadTest "
            + loadTest.path("metadata").path("namespace").asText()
            + "/"
            + loadTest.path("metadata").path("name").asText();
    Optional<String> file = fileReference(loadTest.path("spec"), "/spec");
    if (file.isPresent()) {
      throw new ScenarioException(
          dev.minato.manifest.SourcePosition.ofSource(source),
          file.get()
              + ": a LoadTest in the cluster cannot read files; give the content inline ('body',"
              + " 'ca', 'cert', 'key')");
    }
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("apiVersion", loadTest.path("apiVersion").asText());
    document.put("kind", loadTest.path("kind").asText());
    document.putObject("metadata").put("name", loadTest.path("metadata").path("name").asText());
    document.set("spec", loadTest.path("spec").deepCopy());
    return ScenarioReader.read(source, YamlWriter.write(document), null);
  }

  private static Optional<String> fileReference(JsonNode node, String pointer) {
    if (node.isObject()) {
      for (var fields = node.fields(); fields.hasNext(); ) {
        var field = fields.next();
        String at = JsonPointers.child(pointer, field.getKey());
        if (FILE_FIELDS.contains(field.getKey())) {
          return Optional.of(at.substring(1).replace('/', '.'));
        }
        Optional<String> inner = fileReference(field.getValue(), at);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> inner = fileReference(node.get(i), JsonPointers.child(pointer, i));
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  /** The shard count from the annotation, or why it is not one. */
  static int shards(JsonNode loadTest) throws ScenarioException {
    JsonNode value = loadTest.path("metadata").path("annotations").path(SHARDS_ANNOTATION);
    if (value.isMissingNode()) {
      return 1;
    }
    try {
      int shards = Integer.parseInt(value.asText().trim());
      if (shards >= 1 && shards <= MAX_SHARDS) {
        return shards;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ScenarioException(
        dev.minato.manifest.SourcePosition.ofSource(key(loadTest)),
        "annotation "
            + SHARDS_ANNOTATION
            + ": '"
            + value.asText()
            + "' is not a shard count; expected a whole number from 1 to "
            + MAX_SHARDS);
  }

  static String key(JsonNode loadTest) {
    return loadTest.path("metadata").path("namespace").asText()
        + "/"
        + loadTest.path("metadata").path("name").asText();
  }

  static String uid(JsonNode object) {
    return object.path("metadata").path("uid").asText("");
  }

  /** Whether {@code object}'s owner references name the object with {@code uid}. */
  static boolean ownedBy(JsonNode object, String uid) {
    for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
      if (owner.path("uid").asText().equals(uid)) {
        return true;
      }
    }
    return false;
  }
}
