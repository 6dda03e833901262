package dev.minato.load.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a scenario's {@code spec}, defined once. {@link ScenarioReader} takes the names it
 * accepts from here (so an unknown field is one this schema does not list), and the LoadTest
 * CustomResourceDefinition takes its OpenAPI schema from here (so the cluster accepts exactly the
 * fields a file may hold). What a value means (a rate, a duration, an SLO) is the reader's: the
 * schema says only the shape, which is what an API server can check.
 */
public final class ScenarioSchema {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The shape of one field. */
  public sealed interface Shape permits Text, Whole, Flag, IntOrText, ListOf, TextMap, Mapping {
    String description();
  }

  /** Text, optionally matching an ECMA-262 pattern (empty: any text). */
  public record Text(String description, String pattern) implements Shape {}

  /** A whole number of at least {@code minimum}. */
  public record Whole(String description, long minimum) implements Shape {}

  /** {@code true} or {@code false}. */
  public record Flag(String description) implements Shape {}

  /** A bare number or text, as YAML reads {@code rate: 500} and {@code rate: 500/s}. */
  public record IntOrText(String description) implements Shape {}

  /** A list of at least one element of one shape. */
  public record ListOf(String description, Shape items) implements Shape {}

  /** A mapping of names to text values (headers). */
  public record TextMap(String description) implements Shape {}

  /** A mapping of known fields, some required. */
  public record Mapping(String description, Map<String, Shape> fields, List<String> required)
      implements Shape {
    public Mapping {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      required = List.copyOf(required);
    }

    /** The field names, for the reader's unknown-field check. */
    public Set<String> names() {
      return new TreeSet<>(fields.keySet());
    }
  }

  private static final String DURATION = "a duration like 250ms, 30s or 1h30m";
  private static final String RATE = "requests per time unit like 500/s, 3000/m or 10/ms";

  public static final Mapping STAGE =
      new Mapping(
          "a ramp: linear from the previous rate to this one over the duration",
          fields(
              "duration", new Text(DURATION, ""),
              "rate", new IntOrText(RATE)),
          List.of("duration", "rate"));

  public static final Mapping REQUEST =
      new Mapping(
          "one kind of request of the mix",
          fields(
              "name", new Text("names the request in reports; default METHOD path", ""),
              "method",
                  new Text(
                      "one of " + new TreeSet<>(RequestTemplate.METHODS) + "; default GET", ""),
              "path", new Text("starts with /, may hold a query; default the target's path", "^/"),
              "headers", new TextMap("header name to value; Host and Content-Length are minato's"),
              "body", new Text("the request body", ""),
              "bodyFile", new Text("the request body's file, relative to the scenario file", ""),
              "weight", new Whole("relative frequency; default 1", 1)),
          List.of());

  public static final Mapping TLS =
      new Mapping(
          "https only: how the server is trusted and the client certificate",
          fields(
              "insecureSkipVerify", new Flag("do not verify the certificate or the name"),
              "caFile", new Text("a PEM file of CA certificates, relative to the scenario", ""),
              "ca", new Text("PEM text of CA certificates", ""),
              "certFile", new Text("the client certificate's PEM file", ""),
              "keyFile", new Text("the client key's PEM file (unencrypted PKCS#8)", ""),
              "cert", new Text("the client certificate as PEM text", ""),
              "key", new Text("the client key as PEM text (unencrypted PKCS#8)", "")),
          List.of());

  public static final Mapping SPEC =
      new Mapping(
          "a load test: the target, the request mix, the arrival model, its length and SLOs",
          fields(
              "target", new Text("base URL, http:// or https://", "^https?://"),
              "requests", new ListOf("weighted request mix; default one GET", REQUEST),
              "rate", new IntOrText("open model: " + RATE),
              "stages", new ListOf("open model ramps", STAGE),
              "concurrency", new Whole("closed model: this many users", 1),
              "duration", new Text("how long to send: " + DURATION, ""),
              "maxRequests", new Whole("request budget over the whole run", 1),
              "timeout", new Text("per-request timeout, default 2s: " + DURATION, ""),
              "maxConnections", new Whole("open model connection limit, default 1024", 1),
              "warmup", new Text("same load, unmeasured, first: " + DURATION, ""),
              "tls", TLS,
              "protocol",
                  new Text(
                      "http/1.1 (default) or h2: HTTP/2 over TLS with ALPN, or h2c with prior"
                          + " knowledge",
                      "^(http/1\\.1|h2)$"),
              "slos",
                  new ListOf(
                      "gates like p99<250ms, errors<0.1%, rate>=1900/s", new Text("an SLO", ""))),
          List.of("target"));

  private ScenarioSchema() {}

  /** {@code shape} as an OpenAPI v3 schema, as a CustomResourceDefinition holds it. */
  public static ObjectNode openApi(Shape shape) {
    ObjectNode schema = NODES.objectNode();
    if (shape instanceof Text text) {
      schema.put("type", "string");
      if (!text.pattern().isEmpty()) {
        schema.put("pattern", text.pattern());
      }
    } else if (shape instanceof Whole whole) {
      schema.put("type", "integer");
      schema.put("minimum", whole.minimum());
    } else if (shape instanceof Flag) {
      schema.put("type", "boolean");
    } else if (shape instanceof IntOrText) {
      schema.put("x-kubernetes-int-or-string", true);
    } else if (shape instanceof ListOf list) {
      schema.put("type", "array");
      schema.put("minItems", 1);
      schema.set("items", openApi(list.items()));
    } else if (shape instanceof TextMap) {
      schema.put("type", "object");
      schema.putObject("additionalProperties").put("type", "string");
    } else if (shape instanceof Mapping mapping) {
      schema.put("type", "object");
      if (!mapping.required().isEmpty()) {
        ArrayNode required = schema.putArray("required");
        mapping.required().forEach(required::add);
      }
      ObjectNode properties = schema.putObject("properties");
      mapping.fields().forEach((name, field) -> properties.set(name, openApi(field)));
    }
    schema.put("description", shape.description());
    return schema;
  }

  private static Map<String, Shape> fields(Object... pairs) {
    Map<String, Shape> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put((String) pairs[i], (Shape) pairs[i + 1]);
    }
    return fields;
  }
}
