package dev.minato.shadow.report;

import dev.minato.shadow.compare.EndpointResult;
import dev.minato.shadow.compare.Example;
import dev.minato.shadow.compare.FieldResult;
import dev.minato.shadow.compare.ShadowResults;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The summary a person reads at the end of a run: totals, failures by upstream and kind, run notes,
 * then per endpoint its diff rate, each regression with one example, and the noise that was
 * excused. Deterministic: the same results print the same text.
 */
public final class TextReport {

  private TextReport() {}

  public static String render(
      ShadowResults results, List<RunNote> notes, Optional<DiffRateGate> gate) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "shadow: %d requests, %d compared (%d with a secondary), %d differing (%s)%n",
            results.requests(),
            results.compared(),
            results.withSecondary(),
            results.differing(),
            Percent.of(results.diffRate())));
    failures(out, "primary", results.primaryFailures(), " (not judged)");
    failures(out, "candidate", results.candidateFailures(), "");
    failures(out, "secondary", results.secondaryFailures(), " (no noise sample)");
    for (RunNote note : notes) {
      out.append(note.label()).append(": ").append(note.count()).append('\n');
      note.details().forEach(detail -> out.append("  ").append(detail).append('\n'));
    }
    for (EndpointResult endpoint : results.endpoints()) {
      out.append('\n')
          .append(
              String.format(
                  "%s: %d compared, %d differing (%s)%n",
                  endpoint.endpoint(),
                  endpoint.compared(),
                  endpoint.differing(),
                  Percent.of(endpoint.diffRate())));
      for (FieldResult field : endpoint.fields()) {
        out.append(
            String.format(
                "  %-10s %s: %d/%d differ (old copies: %d/%d)%n",
                field.regression() ? "REGRESSION" : "noise",
                field.field(),
                field.candidateDiffs(),
                endpoint.compared(),
                field.secondaryDiffs(),
                endpoint.withSecondary()));
        if (field.regression()) {
          field.example().ifPresent(example -> out.append(example(example)));
        }
      }
    }
    gate.ifPresent(g -> out.append('\n').append(g.verdict(results)).append('\n'));
    return out.toString();
  }

  private static String example(Example example) {
    return "             e.g. "
        + example.target()
        + "\n               primary:   "
        + example.primary()
        + "\n               candidate: "
        + example.other()
        + "\n";
  }

  private static void failures(
      StringBuilder out, String upstream, Map<String, Long> failures, String note) {
    if (failures.isEmpty()) {
      return;
    }
    out.append(upstream).append(" failed").append(note).append(':');
    failures.forEach((kind, count) -> out.append(' ').append(kind).append(' ').append(count));
    out.append('\n');
  }
}
