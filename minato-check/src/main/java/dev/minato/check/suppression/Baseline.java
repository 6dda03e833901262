package dev.minato.check.suppression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.check.Finding;
import dev.minato.manifest.Document;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings a repository already had when it adopted the checker, so a pipeline can fail only on
 * new ones. Findings are matched by {@link Finding#fingerprint()} (rule, object, field; no line
 * numbers), so the baseline survives unrelated edits that move objects around.
 */
public final class Baseline {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Set<String> fingerprints;

  private Baseline(Set<String> fingerprints) {
    this.fingerprints = Set.copyOf(fingerprints);
  }

  public static Baseline of(Collection<Finding> findings) {
    Set<String> fingerprints = new HashSet<>();
    findings.forEach(finding -> fingerprints.add(finding.fingerprint()));
    return new Baseline(fingerprints);
  }

  /** True when the finding was already known when the baseline was written. */
  public boolean contains(Finding finding) {
    return fingerprints.contains(finding.fingerprint());
  }

  public int size() {
    return fingerprints.size();
  }

  /**
   * The baseline file for these findings: JSON sorted by rule, object and field, with the readable
   * parts beside each fingerprint so reviews can see what was accepted.
   */
  public static String render(Collection<Finding> findings) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(
        Comparator.comparing(Finding::ruleId)
            .thenComparing(f -> f.object().toString())
            .thenComparing(Finding::field));
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode entries = root.putArray("findings");
    Set<String> seen = new HashSet<>();
    for (Finding finding : sorted) {
      if (seen.add(finding.fingerprint())) {
        ObjectNode entry = entries.addObject();
        entry.put("fingerprint", finding.fingerprint());
        entry.put("rule", finding.ruleId());
        entry.put(
            "object",
            finding.object().group().isEmpty()
                ? finding.object().toString()
                : finding.object().group() + ":" + finding.object());
        entry.put("field", finding.field());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Reads a baseline file written by {@link #render}. */
  public static Baseline read(Path file) throws ManifestException {
    List<Document> documents = YamlReader.read(file);
    if (documents.size() != 1 || !documents.get(0).root().path("findings").isArray()) {
      throw new ManifestException(
          documents.isEmpty() ? SourcePosition.ofSource(file.toString()) : documents.get(0).start(),
          "not a minato baseline: expected {\"version\": 1, \"findings\": [...]} as written by"
              + " --write-baseline");
    }
    Document document = documents.get(0);
    JsonNode list = document.root().path("findings");
    Set<String> fingerprints = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode fingerprint = list.get(i).path("fingerprint");
      if (!fingerprint.isTextual() || fingerprint.asText().isEmpty()) {
        throw new ManifestException(
            document.positions().value(JsonPointers.child("/findings", i)),
            "baseline entry has no 'fingerprint'; regenerate the file with --write-baseline");
      }
      fingerprints.add(fingerprint.asText());
    }
    return new Baseline(fingerprints);
  }
}
