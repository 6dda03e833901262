package dev.minato.shadow.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.shadow.compare.EndpointResult;
import dev.minato.shadow.compare.Example;
import dev.minato.shadow.compare.FieldResult;
import dev.minato.shadow.compare.ShadowResults;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The results as JSON for programs: the same facts as the text report, rates as fractions, keys in
 * a fixed order, so two runs over the same traffic give byte-identical files.
 */
public final class JsonReport {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonReport() {}

  public static String render(
      ShadowResults results, List<RunNote> notes, Optional<DiffRateGate> gate) {
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(tree(results, notes, gate))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(ShadowResults results, List<RunNote> notes, Optional<DiffRateGate> gate) {
    ObjectNode root = NODES.objectNode();
    root.put("requests", results.requests());
    root.put("compared", results.compared());
    root.put("withSecondary", results.withSecondary());
    root.put("differing", results.differing());
    root.put("diffRate", results.diffRate());
    ObjectNode failures = root.putObject("failures");
    failures.set("primary", counts(results.primaryFailures()));
    failures.set("candidate", counts(results.candidateFailures()));
    failures.set("secondary", counts(results.secondaryFailures()));
    ArrayNode runNotes = root.putArray("notes");
    for (RunNote note : notes) {
      ObjectNode node = runNotes.addObject();
      node.put("label", note.label());
      node.put("count", note.count());
      note.details().forEach(node.putArray("details")::add);
    }
    gate.ifPresent(
        g -> {
          ObjectNode node = root.putObject("gate");
          node.put("maxDiffRate", g.maxRate());
          node.put("passed", g.passes(results));
        });
    ArrayNode endpoints = root.putArray("endpoints");
    for (EndpointResult endpoint : results.endpoints()) {
      ObjectNode node = endpoints.addObject();
      node.put("method", endpoint.endpoint().method());
      node.put("route", endpoint.endpoint().route());
      node.put("requests", endpoint.requests());
      node.put("compared", endpoint.compared());
      node.put("withSecondary", endpoint.withSecondary());
      node.put("differing", endpoint.differing());
      node.put("diffRate", endpoint.diffRate());
      ObjectNode endpointFailures = node.putObject("failures");
      endpointFailures.set("primary", counts(endpoint.primaryFailures()));
      endpointFailures.set("candidate", counts(endpoint.candidateFailures()));
      endpointFailures.set("secondary", counts(endpoint.secondaryFailures()));
      ArrayNode fields = node.putArray("fields");
      for (FieldResult field : endpoint.fields()) {
        ObjectNode f = fields.addObject();
        f.put("field", field.field());
        f.put("verdict", field.regression() ? "regression" : "noise");
        f.put("candidateDiffs", field.candidateDiffs());
        f.put("secondaryDiffs", field.secondaryDiffs());
        field.example().ifPresent(e -> f.set("example", example(e, "candidate")));
        field.noiseExample().ifPresent(e -> f.set("noiseExample", example(e, "secondary")));
      }
    }
    return root;
  }

  private static ObjectNode example(Example example, String otherName) {
    ObjectNode node = NODES.objectNode();
    node.put("target", example.target());
    node.put("primary", example.primary());
    node.put(otherName, example.other());
    return node;
  }

  private static ObjectNode counts(Map<String, Long> counts) {
    ObjectNode node = NODES.objectNode();
    new TreeMap<>(counts).forEach(node::put);
    return node;
  }
}
