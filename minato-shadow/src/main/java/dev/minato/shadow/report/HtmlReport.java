package dev.minato.shadow.report;

import dev.minato.shadow.compare.EndpointResult;
import dev.minato.shadow.compare.Example;
import dev.minato.shadow.compare.FieldResult;
import dev.minato.shadow.compare.ShadowResults;
import java.util.List;
import java.util.Optional;

/**
 * A self-contained HTML page: one table per endpoint with each differing field's primary and
 * candidate values side by side. Styles are inline and nothing is fetched, so it opens offline and
 * as a CI artifact; every value is escaped, so a response cannot inject markup into the page.
 */
public final class HtmlReport {

  private static final String STYLE =
      "body{font:14px system-ui,sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}"
          + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
          + "th{background:#f4f4f4}td.v{font-family:monospace;white-space:pre-wrap;"
          + "word-break:break-all}.regression{background:#fde8e8}.noise{color:#777}"
          + ".fail{color:#b00;font-weight:bold}.pass{color:#070;font-weight:bold}";

  private HtmlReport() {}

  public static String render(
      ShadowResults results, List<RunNote> notes, Optional<DiffRateGate> gate) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>minato shadow report</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>minato shadow report</h1>\n<p>")
        .append(results.requests())
        .append(" requests, ")
        .append(results.compared())
        .append(" compared (")
        .append(results.withSecondary())
        .append(" with a secondary), ")
        .append(results.differing())
        .append(" differing (")
        .append(Percent.of(results.diffRate()))
        .append(")</p>\n");
    gate.ifPresent(
        g ->
            out.append("<p class=\"")
                .append(g.passes(results) ? "pass" : "fail")
                .append("\">")
                .append(escape(g.verdict(results)))
                .append("</p>\n"));
    for (RunNote note : notes) {
      out.append("<p>").append(escape(note.label())).append(": ").append(note.count());
      note.details().forEach(d -> out.append("<br>").append(escape(d)));
      out.append("</p>\n");
    }
    for (EndpointResult endpoint : results.endpoints()) {
      endpoint(endpoint, out);
    }
    return out.append("</body></html>\n").toString();
  }

  private static void endpoint(EndpointResult endpoint, StringBuilder out) {
    out.append("<h2>")
        .append(escape(endpoint.endpoint().toString()))
        .append("</h2>\n<p>")
        .append(endpoint.compared())
        .append(" compared, ")
        .append(endpoint.differing())
        .append(" differing (")
        .append(Percent.of(endpoint.diffRate()))
        .append(")")
        .append(failures("primary", endpoint.primaryFailures()))
        .append(failures("candidate", endpoint.candidateFailures()))
        .append("</p>\n");
    if (endpoint.fields().isEmpty()) {
      return;
    }
    out.append(
        "<table><tr><th>verdict</th><th>field</th><th>differ</th><th>old copies differ</th>"
            + "<th>request</th><th>primary</th><th>candidate</th></tr>\n");
    for (FieldResult field : endpoint.fields()) {
      String verdict = field.regression() ? "regression" : "noise";
      Optional<Example> example = field.example();
      out.append("<tr class=\"")
          .append(verdict)
          .append("\"><td>")
          .append(verdict)
          .append("</td><td class=\"v\">")
          .append(escape(field.field()))
          .append("</td><td>")
          .append(field.candidateDiffs())
          .append('/')
          .append(endpoint.compared())
          .append("</td><td>")
          .append(field.secondaryDiffs())
          .append('/')
          .append(endpoint.withSecondary())
          .append("</td><td class=\"v\">")
          .append(escape(example.map(Example::target).orElse("")))
          .append("</td><td class=\"v\">")
          .append(escape(example.map(Example::primary).orElse("")))
          .append("</td><td class=\"v\">")
          .append(escape(example.map(Example::other).orElse("")))
          .append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static String failures(String upstream, java.util.Map<String, Long> failures) {
    StringBuilder out = new StringBuilder();
    new java.util.TreeMap<>(failures)
        .forEach(
            (kind, n) ->
                out.append("; ").append(upstream).append(' ').append(kind).append(' ').append(n));
    return out.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
