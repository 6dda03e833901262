package dev.minato.load.resource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.scenario.ScenarioReader;
import dev.minato.load.scenario.ScenarioSchema;

/**
 * The CustomResourceDefinition of {@code loadtests.load.minato.dev}: a LoadTest in the cluster is
 * the scenario file, so its {@code spec} schema is {@link ScenarioSchema#SPEC}, the one definition
 * the file reader uses too. {@code status} is the controller's, behind the status subresource.
 */
public final class LoadTestCrd {

  public static final String GROUP = "load.minato.dev";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = ScenarioReader.KIND;
  public static final String PLURAL = "loadtests";
  public static final String NAME = PLURAL + "." + GROUP;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LoadTestCrd() {}

  /** The CRD as an object tree, ready for {@code YamlWriter}. */
  public static ObjectNode render() {
    ObjectNode crd = NODES.objectNode();
    crd.put("apiVersion", "apiextensions.k8s.io/v1");
    crd.put("kind", "CustomResourceDefinition");
    ObjectNode metadata = crd.putObject("metadata");
    metadata.put("name", NAME);
    metadata.putObject("labels").put("app.kubernetes.io/managed-by", "minato");
    ObjectNode spec = crd.putObject("spec");
    spec.put("group", GROUP);
    ObjectNode names = spec.putObject("names");
    names.put("kind", KIND);
    names.put("listKind", KIND + "List");
    names.put("plural", PLURAL);
    names.put("singular", "loadtest");
    names.putArray("shortNames").add("lt");
    names.putArray("categories").add("minato");
    spec.put("scope", "Namespaced");
    ObjectNode version = spec.putArray("versions").addObject();
    version.put("name", VERSION);
    version.put("served", true);
    version.put("storage", true);
    version.putObject("subresources").putObject("status");
    ArrayNode columns = version.putArray("additionalPrinterColumns");
    column(columns, "Phase", "string", ".status.phase");
    column(columns, "Verdict", "string", ".status.verdict");
    column(columns, "Age", "date", ".metadata.creationTimestamp");
    ObjectNode schema = version.putObject("schema").putObject("openAPIV3Schema");
    schema.put("type", "object");
    schema.put(
        "description",
        "A load test run in the cluster by 'minato load controller': the scenario file's fields"
            + " under spec (docs/load.md), the merged verdict under status.");
    schema.putArray("required").add("spec");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.putObject("metadata").put("type", "object");
    properties.set("spec", ScenarioSchema.openApi(ScenarioSchema.SPEC));
    ObjectNode status = properties.putObject("status");
    status.put("type", "object");
    status.put(
        "description",
        "Written by the controller: phase, verdict, merged percentiles, SLO verdicts, shards,"
            + " the report's ConfigMap and conditions (Running, Passed, Failed).");
    // The controller owns the status's shape; a newer controller may add fields.
    status.put("x-kubernetes-preserve-unknown-fields", true);
    return crd;
  }

  private static void column(ArrayNode columns, String name, String type, String path) {
    columns.addObject().put("name", name).put("type", type).put("jsonPath", path);
  }
}
