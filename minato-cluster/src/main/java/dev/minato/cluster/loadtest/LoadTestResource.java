package dev.minato.cluster.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.resource.LoadTestCrd;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.ScenarioException;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.YamlWriter;
import dev.minato.manifest.quantity.Quantity;
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

  /**
   * The annotations that give one LoadTest's shard pods their CPU request and memory (request and
   * limit), overriding the controller's {@code --cpu} and {@code --memory}: a test with a TLS or
   * HTTP/2 scenario at a high rate needs more than the default, a smoke test far less.
   */
  static final String CPU_ANNOTATION = "load.minato.dev/cpu";

  static final String MEMORY_ANNOTATION = "load.minato.dev/memory";

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
    throw badAnnotation(
        loadTest,
        SHARDS_ANNOTATION,
        "is not a shard count",
        "a whole number from 1 to " + MAX_SHARDS);
  }

  /** Why the LoadTest's {@code annotation} cannot be used: its value, the problem, what fits. */
  private static ScenarioException badAnnotation(
      JsonNode loadTest, String annotation, String problem, String expected) {
    String value = loadTest.path("metadata").path("annotations").path(annotation).asText();
    return new ScenarioException(
        dev.minato.manifest.SourcePosition.ofSource(key(loadTest)),
        "annotation " + annotation + ": '" + value + "' " + problem + "; expected " + expected);
  }

  /** What each shard pod of a LoadTest requests: its CPU, and its memory (request and limit). */
  record PodResources(Quantity cpu, Quantity memory) {}

  /**
   * The LoadTest's own pod resources from its annotations, else the controller's defaults; or why
   * an annotation is not a quantity above zero.
   */
  static PodResources resources(JsonNode loadTest, PodResources defaults) throws ScenarioException {
    return new PodResources(
        quantity(loadTest, CPU_ANNOTATION, defaults.cpu(), "a CPU amount such as 500m or 2"),
        quantity(
            loadTest, MEMORY_ANNOTATION, defaults.memory(), "a memory size such as 512Mi or 2Gi"));
  }

  private static Quantity quantity(
      JsonNode loadTest, String annotation, Quantity fallback, String expected)
      throws ScenarioException {
    JsonNode value = loadTest.path("metadata").path("annotations").path(annotation);
    if (value.isMissingNode()) {
      return fallback;
    }
    String problem;
    try {
      Quantity quantity = Quantity.parse(value.asText().trim());
      if (quantity.value().signum() > 0) {
        return quantity;
      }
      problem = "must be more than zero";
    } catch (InvalidValueException e) {
      problem = "is not a quantity (" + e.getMessage() + ")";
    }
    throw badAnnotation(loadTest, annotation, problem, expected);
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
