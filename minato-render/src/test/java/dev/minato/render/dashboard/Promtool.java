package dev.minato.render.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code promtool} (Debian's prometheus package; {@code .ci/run} installs it) as the judge
 * of PromQL: expressions become recording rules, which {@code promtool check rules} parses.
 */
final class Promtool {

  private Promtool() {}

  /** What promtool said, and whether it accepted every expression. */
  record Verdict(boolean accepted, String output) {}

  /**
   * Checks {@code exprs} as Grafana sends them to Prometheus: with {@code $__rate_interval}
   * replaced by a duration (the other variables sit inside label values, where PromQL takes any
   * text).
   */
  static Verdict check(List<String> exprs, Path dir) throws IOException, InterruptedException {
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      String expr = exprs.get(i).replace("$__rate_interval", "5m");
      rules
          .append("      - record: dashboard:expr")
          .append(i)
          .append("\n        expr: '")
          .append(expr.replace("'", "''"))
          .append("'\n");
    }
    Path file = dir.resolve("dashboard-rules.yaml");
    Files.writeString(file, rules, StandardCharsets.UTF_8);
    Process process;
    try {
      process =
          new ProcessBuilder("promtool", "check", "rules", file.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "promtool is needed to parse the dashboards' PromQL: install Debian's 'prometheus'"
              + " package (.ci/run does)",
          e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not finish in 60 s");
    }
    return new Verdict(process.exitValue() == 0, output);
  }
}
