package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.findings;
import static dev.minato.check.Fixture.messages;
import static dev.minato.check.rules.RuleTexts.after;
import static dev.minato.check.rules.RuleTexts.at;
import static dev.minato.check.rules.RuleTexts.suppressed;
import static dev.minato.check.rules.RuleTexts.suppressing;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Container fields that are mistakes on their own: a repeated env name, a host port. */
class ContainerHygieneTest {

  private static final String PORTS = "          ports: [{name: http, containerPort: 8080}]";

  private static String env(String yaml, String env) {
    return yaml.replace(PORTS, PORTS + "\n          env: " + env);
  }

  // no-duplicate-env

  @Test
  void envNamedTwiceIsReportedAtTheSecondName() {
    String yaml =
        env(
            WEB,
            "[{name: LOG_LEVEL, value: info}, {name: PORT, value: \"8080\"}, {name: LOG_LEVEL, value: debug}]");

    assertThat(findings(yaml, "no-duplicate-env"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .isEqualTo(
                      "Deployment/web container 'app' sets env LOG_LEVEL twice (env[0] and"
                          + " env[2]); the later value silently wins, and server-side apply"
                          + " rejects the list. Keep one");
              assertThat(at(f)).isEqualTo(after(yaml, "\"8080\"}, {name: "));
            });
  }

  @Test
  void distinctNamesAndEnvFromOverridesPass() {
    String yaml =
        env(WEB, "[{name: LOG_LEVEL, value: info}]")
            .replace(PORTS, PORTS + "\n          envFrom: [{configMapRef: {name: web}}]");

    assertThat(findings(yaml, "no-duplicate-env")).isEmpty();
  }

  @Test
  void initContainersAreCheckedToo() {
    String yaml =
        WEB.replace(
            "      containers:",
            "      initContainers:\n"
                + "        - {name: migrate, image: example/web:1.0, env: [{name: A, value: \"1\"}, {name: A, value: \"2\"}]}\n"
                + "      containers:");

    assertThat(messages(yaml, "no-duplicate-env"))
        .singleElement()
        .asString()
        .startsWith("Deployment/web init container 'migrate' sets env A twice");
  }

  @Test
  void duplicateEnvFindingIsSuppressedByItsAnnotation() {
    String yaml =
        suppressing(
            env(WEB, "[{name: A, value: \"1\"}, {name: A, value: \"2\"}]"),
            "no-duplicate-env",
            "  name: web");

    assertThat(findings(yaml, "no-duplicate-env")).isEmpty();
    assertThat(suppressed(yaml)).containsExactly("no-duplicate-env");
  }

  // no-host-port

  @Test
  void hostPortIsReportedAtItsValue() {
    String yaml =
        WEB.replace(
            "{name: http, containerPort: 8080}", "{name: http, containerPort: 8080, hostPort: 80}");

    assertThat(findings(yaml, "no-host-port"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message())
                  .startsWith("Deployment/web container 'app' binds hostPort 80 on its node");
              assertThat(at(f)).isEqualTo(after(yaml, "hostPort: "));
            });
  }

  @Test
  void hostPortZeroOrAbsentPasses() {
    assertThat(findings(WEB, "no-host-port")).isEmpty();
    assertThat(
            findings(
                WEB.replace("containerPort: 8080}", "containerPort: 8080, hostPort: 0}"),
                "no-host-port"))
        .isEmpty();
  }

  @Test
  void initAndEphemeralContainersAreCheckedToo() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
        spec:
          initContainers:
            - {name: setup, image: busybox:1.36, ports: [{containerPort: 53, hostPort: 53}]}
          containers:
            - {name: app, image: example/web:1.0}
          ephemeralContainers:
            - {name: shell, image: busybox:1.36, ports: [{containerPort: 22, hostPort: 2222}]}
        """;

    assertThat(messages(pod, "no-host-port"))
        .containsExactly(
            "Pod/debug init container 'setup' binds hostPort 53 on its node: two such pods cannot"
                + " share a node, the port bypasses Services and the baseline Pod Security Standard"
                + " refuses it. Expose it through a Service instead",
            "Pod/debug ephemeral container 'shell' binds hostPort 2222 on its node: two such pods"
                + " cannot share a node, the port bypasses Services and the baseline Pod Security"
                + " Standard refuses it. Expose it through a Service instead");
  }

  @Test
  void hostPortFindingIsSuppressedByItsAnnotation() {
    String yaml =
        suppressing(
            WEB.replace("containerPort: 8080}", "containerPort: 8080, hostPort: 8080}"),
            "no-host-port",
            "  name: web");

    assertThat(findings(yaml, "no-host-port")).isEmpty();
    assertThat(suppressed(yaml)).containsExactly("no-host-port");
  }
}
