package dev.minato.load.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.slo.Slo;
import dev.minato.load.syntax.DurationFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@link Scenario} back as a {@code kind: LoadTest} tree, self-contained: bodies read from
 * files are inlined, so the file can travel alone (into a ConfigMap for a distributed run).
 */
public final class ScenarioWriter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ScenarioWriter() {}

  /** The scenario as a tree; fails with a message if a body is not UTF-8 text. */
  public static ObjectNode tree(Scenario scenario) throws ScenarioException {
    ObjectNode root = NODES.objectNode();
    root.put("apiVersion", ScenarioReader.API_VERSION);
    root.put("kind", ScenarioReader.KIND);
    root.putObject("metadata").put("name", scenario.name());
    ObjectNode spec = root.putObject("spec");
    spec.put("target", scenario.target().toString());
    ArrayNode requests = spec.putArray("requests");
    for (RequestTemplate r : scenario.requests()) {
      ObjectNode request = requests.addObject();
      request.put("name", r.name());
      request.put("method", r.method());
      request.put("path", r.path());
      if (!r.headerView().isEmpty()) {
        ObjectNode headers = request.putObject("headers");
        for (Map.Entry<String, String> h : r.headerView().entrySet()) {
          headers.put(h.getKey(), h.getValue());
        }
      }
      if (r.body().length > 0) {
        request.put("body", text(r));
      }
      request.put("weight", r.weight());
    }
    if (scenario.model() instanceof ArrivalModel.Open open) {
      spec.put("rate", open.rate().toString());
      if (!open.stages().isEmpty()) {
        ArrayNode stages = spec.putArray("stages");
        for (Stage stage : open.stages()) {
          ObjectNode s = stages.addObject();
          s.put("duration", DurationFormat.format(stage.duration()));
          s.put("rate", stage.rate().toString());
        }
      }
    } else {
      spec.put("concurrency", ((ArrivalModel.Closed) scenario.model()).concurrency());
    }
    scenario.duration().ifPresent(d -> spec.put("duration", DurationFormat.format(d)));
    scenario.maxRequests().ifPresent(n -> spec.put("maxRequests", n));
    spec.put("timeout", DurationFormat.format(scenario.timeout()));
    spec.put("maxConnections", scenario.maxConnections());
    scenario.warmup().ifPresent(d -> spec.put("warmup", DurationFormat.format(d)));
    if (!scenario.tls().isDefault()) {
      // Inline: a load Job's pods have the scenario, not the files it named. (ShardJob moves a
      // client key out into a Secret.)
      ObjectNode tls = spec.putObject("tls");
      if (scenario.tls().insecureSkipVerify()) {
        tls.put("insecureSkipVerify", true);
      }
      scenario.tls().caPem().ifPresent(pem -> tls.put("ca", pem));
      scenario
          .tls()
          .client()
          .ifPresent(
              client -> tls.put("cert", client.certificatePem()).put("key", client.keyPem()));
    }
    if (scenario.protocol() != Protocol.HTTP_1_1) {
      spec.put("protocol", scenario.protocol().token());
    }
    if (!scenario.slos().isEmpty()) {
      ArrayNode slos = spec.putArray("slos");
      for (Slo slo : scenario.slos()) {
        slos.add(slo.text());
      }
    }
    return root;
  }

  private static String text(RequestTemplate r) throws ScenarioException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(r.body()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ScenarioException(
          dev.minato.manifest.SourcePosition.ofSource(r.name()),
          "the body of request '"
              + r.name()
              + "' is binary; only text bodies can be shipped in a"
              + " scenario file");
    }
  }
}
