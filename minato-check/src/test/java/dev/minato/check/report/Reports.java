package dev.minato.check.report;

import dev.minato.check.CheckResult;
import dev.minato.check.Fixture;
import dev.minato.check.InputError;
import dev.minato.manifest.SourcePosition;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** A report with findings, a suppressed finding and an input error, rendered by any reporter. */
final class Reports {

  /** Two objects: a Deployment with two problems and one waived one, and a clean Service. */
  static final String MANIFEST =
      Fixture.WEB
              .replace("example/web:1.0", "example/web:latest")
              .replace("cpu: 500m, ", "")
              .replace(
                  "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}",
                  "  labels: {app: web, minato.dev/migration-policy: duplicate-ok}\n"
                      + "  annotations: {ignore.minato.dev/read-only-root-fs: \"legacy & <cache> until 2027-01-01\"}")
              .replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
          + "---\napiVersion: v1\nkind: Service\n"
          + "metadata: {name: web, annotations: {prometheus.io/scrape: \"true\"}}\n"
          + "spec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n";

  private Reports() {}

  static CheckReport report() {
    CheckResult result = Fixture.check(MANIFEST);
    return new CheckReport(
        result,
        List.of(
            new InputError(
                new SourcePosition("dir with space/broken.yaml", 3, 7), "invalid YAML: oops")),
        "0.1.0-SNAPSHOT");
  }

  static String render(Reporter reporter, CheckReport report) {
    StringWriter out = new StringWriter();
    try {
      reporter.write(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
