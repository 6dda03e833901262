package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.findings;
import static dev.minato.check.Fixture.messages;
import static dev.minato.check.rules.RuleTexts.after;
import static dev.minato.check.rules.RuleTexts.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Logs the cluster's collector cannot see or read: files that grow, lines without a format. */
class LogRulesTest {

  private static final String PORTS = "          ports: [{name: http, containerPort: 8080}]";
  private static final String CONTAINERS = "      containers:";
  private static final String POD_LABELS = "      labels: {app: web}";

  private static String withLogVolume(String mountPath) {
    return WEB.replace(
            PORTS, PORTS + "\n          volumeMounts: [{name: logs, mountPath: " + mountPath + "}]")
        .replace(CONTAINERS, "      volumes: [{name: logs, emptyDir: {}}]\n" + CONTAINERS);
  }

  // log-file-rotated

  @Test
  void aLogDirectoryOnAWritableVolumeWithoutRotationIsReportedAtTheMount() {
    String yaml = withLogVolume("/var/log/app");

    assertThat(findings(yaml, "log-file-rotated"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .startsWith(
                      "Deployment/web container 'app' writes logs to /var/log/app on volume"
                          + " 'logs' under a read-only root file system, and no container rotates"
                          + " them")
                  .endsWith("add a logrotate sidecar that mounts 'logs'");
              assertThat(at(f)).isEqualTo(after(yaml, "volumeMounts: ["));
            });
  }

  @Test
  void aLogrotateSidecarMountingTheVolumePasses() {
    String yaml =
        withLogVolume("/srv/app-logs")
            .replace(
                CONTAINERS,
                CONTAINERS
                    + "\n        - name: rotate\n          image: example/logrotate:3.21\n"
                    + "          volumeMounts: [{name: logs, mountPath: /logs}]");

    assertThat(findings(yaml, "log-file-rotated")).isEmpty();
  }

  @Test
  void aRotatorThatDoesNotMountTheVolumeDoesNotCount() {
    String yaml =
        withLogVolume("/srv/app-logs")
            .replace(
                CONTAINERS,
                CONTAINERS
                    + "\n        - name: logrotate\n          image: example/logrotate:3.21");

    assertThat(messages(yaml, "log-file-rotated")).hasSize(1);
  }

  @Test
  void aLogFileNamedInArgsOnAWritableMountIsReportedAtTheArgument() {
    String yaml =
        withLogVolume("/data")
            .replace(PORTS, PORTS + "\n          args: [\"--access-log=/data/access.log\"]");

    assertThat(findings(yaml, "log-file-rotated"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).contains("writes logs to /data/access.log on volume 'logs'");
              assertThat(at(f)).isEqualTo(after(yaml, "args: ["));
            });
  }

  @Test
  void aLogFileInEnvIsFoundButStdoutAndReadOnlyMountsPass() {
    String yaml =
        withLogVolume("/data")
            .replace(
                PORTS,
                PORTS
                    + "\n          env: [{name: ERROR_LOG, value: /dev/stderr},"
                    + " {name: ACCESS_LOG, value: /data/access.log}]");

    assertThat(messages(yaml, "log-file-rotated"))
        .singleElement()
        .asString()
        .contains("/data/access.log");
    assertThat(
            findings(
                yaml.replace("mountPath: /data}", "mountPath: /data, readOnly: true}"),
                "log-file-rotated"))
        .isEmpty();
  }

  @Test
  void pathsThatOnlyLookLikeLogsPass() {
    assertThat(findings(withLogVolume("/var/www/blog"), "log-file-rotated")).isEmpty();
    assertThat(findings(withLogVolume("/srv/catalog"), "log-file-rotated")).isEmpty();
  }

  @Test
  void aWritableRootIsLeftToReadOnlyRootFs() {
    String yaml =
        withLogVolume("/var/log/app")
            .replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");

    assertThat(findings(yaml, "log-file-rotated")).isEmpty();
  }

  @Test
  void aWorkerThatServesNothingIsNotReported() {
    String yaml =
        withLogVolume("/var/log/app")
            .replace(PORTS, "          ports: [{name: metrics, containerPort: 9090}]");

    assertThat(findings(yaml, "log-file-rotated")).isEmpty();
  }

  // log-format-declared

  @Test
  void aLogStreamWithoutFormatIsReportedAtTheStreamAnnotation() {
    String yaml =
        WEB.replace(
            POD_LABELS, POD_LABELS + "\n      annotations: {minato.dev/log-stream: access}");

    assertThat(findings(yaml, "log-format-declared"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .startsWith("Deployment/web sends its logs to stream 'access' without a format")
                  .contains("spec.logs.format: ltsv, json, nginx or text");
              assertThat(at(f)).isEqualTo(after(yaml, "annotations: {minato.dev/log-stream: "));
            });
  }

  @Test
  void aDeclaredFormatOrNoStreamPasses() {
    String declared =
        WEB.replace(
            POD_LABELS,
            POD_LABELS
                + "\n      annotations: {minato.dev/log-stream: access,"
                + " minato.dev/log-format: nginx}");

    assertThat(findings(declared, "log-format-declared")).isEmpty();
    assertThat(findings(WEB, "log-format-declared")).isEmpty();
  }
}
