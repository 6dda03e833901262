package dev.minato.check.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.check.CheckResult;
import dev.minato.check.Finding;
import dev.minato.check.InputError;
import dev.minato.check.Severity;
import dev.minato.check.SuppressedFinding;
import dev.minato.manifest.SourcePosition;
import java.io.IOException;
import java.io.Writer;

/** A stable JSON document for scripts: summary, findings, suppressed findings, input errors. */
public final class JsonReporter implements Reporter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public void write(CheckReport report, Writer out) throws IOException {
    CheckResult result = report.result();
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ObjectNode summary = root.putObject("summary");
    summary.put("objects", result.objects().size());
    summary.put("errors", result.count(Severity.ERROR));
    summary.put("warnings", result.count(Severity.WARNING));
    summary.put("infos", result.count(Severity.INFO));
    summary.put("suppressed", result.suppressed().size());
    summary.put("inputErrors", report.inputErrors().size());
    ArrayNode findings = root.putArray("findings");
    result.findings().forEach(finding -> findings.add(finding(finding)));
    ArrayNode suppressed = root.putArray("suppressed");
    for (SuppressedFinding entry : result.suppressed()) {
      ObjectNode node = finding(entry.finding());
      node.put("reason", entry.suppression().reason());
      entry.suppression().until().ifPresent(day -> node.put("until", day.toString()));
      suppressed.add(node);
    }
    ArrayNode errors = root.putArray("inputErrors");
    for (InputError error : report.inputErrors()) {
      ObjectNode node = errors.addObject();
      position(node, error.position());
      node.put("message", error.message());
    }
    JSON.writeValue(new NonClosing(out), root);
    out.write("\n");
  }

  private static ObjectNode finding(Finding finding) {
    ObjectNode node = JSON.createObjectNode();
    node.put("rule", finding.ruleId());
    node.put("severity", finding.severity().label());
    ObjectNode object = node.putObject("object");
    object.put("group", finding.object().group());
    object.put("kind", finding.object().kind());
    object.put("namespace", finding.object().namespace());
    object.put("name", finding.object().name());
    object.put("line", finding.objectPosition().line());
    position(node, finding.position());
    node.put("field", finding.field());
    node.put("message", finding.message());
    node.put("fingerprint", finding.fingerprint());
    return node;
  }

  private static void position(ObjectNode node, SourcePosition position) {
    node.put("file", position.source());
    node.put("line", position.line());
    node.put("column", position.column());
  }

  /** Jackson closes the writer it is given; the caller owns it. */
  static final class NonClosing extends java.io.FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
