package dev.minato.load.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.Results;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A self-contained HTML report: the JSON report embedded in the page, drawn as SVG by inline
 * script. No fonts, scripts or styles are fetched, so it opens offline and in CI artifacts.
 */
public final class HtmlReport {

  private static final String PLACEHOLDER = "/*DATA*/";

  private HtmlReport() {}

  public static String render(Results results, List<Verdict> verdicts) {
    String json;
    try {
      json = new ObjectMapper().writeValueAsString(JsonReport.tree(results, verdicts));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    // Inside a <script> element "</" ends it early, and "<!--" followed by "<script" makes the
    // parser skip its end tag. '<' occurs in JSON text only inside strings, where \u003c is it.
    String safe = json.replace("<", "\\u003c");
    return template().replace(PLACEHOLDER, safe);
  }

  private static String template() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.html")) {
      if (in == null) {
        throw new IllegalStateException("report.html is missing from the minato-load jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
