package dev.minato.check.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.check.CheckResult;
import dev.minato.check.Finding;
import dev.minato.check.InputError;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.SuppressedFinding;
import dev.minato.manifest.SourcePosition;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, the format code-scanning UIs read. Every result has a physical location (file, line,
 * column) so the UI annotates the line; suppressed findings are included with an in-source
 * suppression and its justification; unreadable input becomes a tool execution notification.
 */
public final class SarifReporter implements Reporter {

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(CheckReport report, Writer out) throws IOException {
    CheckResult result = report.result();
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "minato");
    driver.put("semanticVersion", semantic(report.toolVersion()));
    driver.put("informationUri", "https://minato.dev/docs/check");
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (RuleInfo rule : result.rules()) {
      ruleIndex.put(rule.id(), ruleIndex.size());
      ObjectNode node = rules.addObject();
      node.put("id", rule.id());
      node.putObject("shortDescription").put("text", rule.summary());
      node.putObject("help").put("text", "See " + rule.docsPath() + " for why and how to fix.");
      node.putObject("defaultConfiguration").put("level", level(rule.severity()));
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", report.inputErrors().isEmpty());
    if (!report.inputErrors().isEmpty()) {
      ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
      for (InputError error : report.inputErrors()) {
        ObjectNode notification = notifications.addObject();
        notification.put("level", "error");
        notification.putObject("message").put("text", error.message());
        notification.putArray("locations").add(location(error.position()));
      }
    }
    ArrayNode results = run.putArray("results");
    for (Finding finding : result.findings()) {
      results.add(result(finding, ruleIndex));
    }
    for (SuppressedFinding suppressed : result.suppressed()) {
      ObjectNode node = result(suppressed.finding(), ruleIndex);
      ObjectNode suppression = node.putArray("suppressions").addObject();
      suppression.put("kind", "inSource");
      suppression.put("justification", suppressed.suppression().describe());
      results.add(node);
    }
    JSON.writeValue(new JsonReporter.NonClosing(out), root);
    out.write("\n");
  }

  private static ObjectNode result(Finding finding, Map<String, Integer> ruleIndex) {
    ObjectNode node = JSON.createObjectNode();
    node.put("ruleId", finding.ruleId());
    Integer index = ruleIndex.get(finding.ruleId());
    if (index != null) {
      node.put("ruleIndex", index);
    }
    node.put("level", level(finding.severity()));
    node.putObject("message").put("text", finding.message());
    node.putArray("locations").add(location(finding.position()));
    node.putObject("partialFingerprints").put("minatoFinding/v1", finding.fingerprint());
    return node;
  }

  private static ObjectNode location(SourcePosition position) {
    ObjectNode location = JSON.createObjectNode();
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(position.source()));
    if (position.hasLine()) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", position.line());
      region.put("startColumn", Math.max(1, position.column()));
    }
    return location;
  }

  /** A relative URI for a path (forward slashes, spaces escaped); pseudo-sources lose brackets. */
  static String uri(String source) {
    String path = source.replace('\\', '/');
    if (path.startsWith("<") && path.endsWith(">")) {
      path = path.substring(1, path.length() - 1);
    }
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      return "unknown";
    }
  }

  /** SARIF levels: error, warning, note. */
  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** {@code minato 0.1.0-SNAPSHOT} becomes {@code 0.1.0-SNAPSHOT}. */
  private static String semantic(String toolVersion) {
    List<String> words = List.of(toolVersion.strip().split("\\s+"));
    return words.get(words.size() - 1);
  }
}
