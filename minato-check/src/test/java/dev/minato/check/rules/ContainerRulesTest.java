package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.check;
import static dev.minato.check.Fixture.findings;
import static dev.minato.check.Fixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.Finding;
import org.junit.jupiter.api.Test;

class ContainerRulesTest {

  @Test
  void baseDeploymentPassesEveryRule() {
    assertThat(check(WEB).findings()).isEmpty();
  }

  @Test
  void rejectsLatestTag() {
    assertThat(messages(WEB.replace("example/web:1.0", "example/web:latest"), "image-tag-pinned"))
        .singleElement()
        .asString()
        .contains("Deployment/web container 'app'", "moving tag 'latest'");
  }

  @Test
  void rejectsMissingTagButNotARegistryPort() {
    assertThat(messages(WEB.replace("example/web:1.0", "registry:5000/web"), "image-tag-pinned"))
        .singleElement()
        .asString()
        .contains("has no tag");
  }

  @Test
  void acceptsDigestAndRegistryPortWithTag() {
    assertThat(messages(WEB.replace("example/web:1.0", "registry:5000/web:2"), "image-tag-pinned"))
        .isEmpty();
    assertThat(
            messages(
                WEB.replace("example/web:1.0", "example/web@sha256:abcdef0123456789"),
                "image-tag-pinned"))
        .isEmpty();
  }

  @Test
  void findingPointsAtTheImageField() {
    Finding finding =
        findings(WEB.replace("example/web:1.0", "example/web:latest"), "image-tag-pinned").get(0);

    assertThat(finding.position().line()).isEqualTo(17);
    assertThat(finding.objectPosition().line()).isEqualTo(1);
    assertThat(finding.field()).isEqualTo("spec.template.spec.containers[app].image");
  }

  @Test
  void requiresCpuAndMemoryRequests() {
    assertThat(
            messages(
                WEB.replace("requests: {cpu: 500m, memory: 128Mi}, ", ""), "resources-requests"))
        .singleElement()
        .asString()
        .contains("requests no cpu and no memory");
    assertThat(messages(WEB.replace("cpu: 500m, ", ""), "resources-requests"))
        .singleElement()
        .asString()
        .contains("requests no cpu;");
  }

  /** A misspelt suffix used to pass: the request was present, and only its presence was checked. */
  @Test
  void reportsARequestThatIsNotAQuantity() {
    assertThat(messages(WEB.replace("memory: 128Mi}, ", "memory: 128mi}, "), "resources-requests"))
        .singleElement()
        .asString()
        .contains("requests memory that the API server refuses: '128mi' is not a quantity")
        .contains("did you mean 'Mi'?");
  }

  @Test
  void requiresMemoryLimit() {
    assertThat(messages(WEB.replace(", limits: {memory: 128Mi}", ""), "memory-limit"))
        .singleElement()
        .asString()
        .contains("has no memory limit");
  }

  @Test
  void servingContainerNeedsReadinessAndLivenessProbes() {
    String noProbes =
        WEB.replace("          readinessProbe: {httpGet: {path: /ready, port: http}}\n", "")
            .replace("          livenessProbe: {httpGet: {path: /health, port: http}}\n", "");

    assertThat(messages(noProbes, "readiness-probe"))
        .singleElement()
        .asString()
        .contains("no readinessProbe");
    assertThat(messages(noProbes, "liveness-probe"))
        .singleElement()
        .asString()
        .contains("no livenessProbe");
  }

  @Test
  void containerWithoutPortsNeedsNoProbes() {
    String worker =
        WEB.replace("          ports: [{name: http, containerPort: 8080}]\n", "")
            .replace("          readinessProbe: {httpGet: {path: /ready, port: http}}\n", "")
            .replace("          livenessProbe: {httpGet: {path: /health, port: http}}\n", "");

    assertThat(messages(worker, "readiness-probe")).isEmpty();
    assertThat(messages(worker, "liveness-probe")).isEmpty();
  }

  @Test
  void probePortMustBeDeclaredByName() {
    assertThat(messages(WEB.replace("port: http}", "port: htp}"), "probe-port"))
        .hasSize(2)
        .first()
        .asString()
        .contains("uses port 'htp'", "declared: http=8080");
  }

  @Test
  void probePortMayBeADeclaredNumber() {
    assertThat(messages(WEB.replace("port: http}", "port: 8080}"), "probe-port")).isEmpty();
    assertThat(messages(WEB.replace("port: http}", "port: 8081}"), "probe-port")).hasSize(2);
  }

  @Test
  void runAsNonRootFromPodOrContainer() {
    String noPodSetting =
        WEB.replace("securityContext: {runAsNonRoot: true}", "securityContext: {}");
    assertThat(messages(noPodSetting, "run-as-non-root"))
        .singleElement()
        .asString()
        .contains("may run as root");
    assertThat(
            messages(
                noPodSetting.replace(
                    "{allowPrivilegeEscalation: false,",
                    "{runAsUser: 1000, allowPrivilegeEscalation: false,"),
                "run-as-non-root"))
        .isEmpty();
    assertThat(
            messages(
                WEB.replace(
                    "{allowPrivilegeEscalation: false,",
                    "{runAsUser: 0, allowPrivilegeEscalation: false,"),
                "run-as-non-root"))
        .singleElement()
        .asString()
        .contains("runAsUser: 0");
  }

  @Test
  void rejectsPrivileged() {
    assertThat(
            messages(
                WEB.replace(
                    "{allowPrivilegeEscalation: false,",
                    "{privileged: true, allowPrivilegeEscalation: false,"),
                "no-privileged"))
        .singleElement()
        .asString()
        .contains("runs privileged");
  }

  @Test
  void requiresExplicitNoPrivilegeEscalation() {
    assertThat(
            messages(
                WEB.replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true"),
                "no-privilege-escalation"))
        .hasSize(1);
    assertThat(
            messages(
                WEB.replace("allowPrivilegeEscalation: false, ", ""), "no-privilege-escalation"))
        .hasSize(1);
  }

  @Test
  void requiresReadOnlyRootFilesystem() {
    assertThat(
            messages(
                WEB.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
                "read-only-root-fs"))
        .singleElement()
        .asString()
        .contains("writable root filesystem");
  }

  @Test
  void requiresDroppingAllCapabilities() {
    assertThat(messages(WEB.replace("drop: [ALL]", "drop: [NET_RAW]"), "drop-capabilities"))
        .hasSize(1);
    assertThat(messages(WEB.replace("drop: [ALL]", "drop: [all]"), "drop-capabilities")).isEmpty();
  }

  @Test
  void rejectsHostNamespaces() {
    assertThat(
            messages(
                WEB.replace(
                    "terminationGracePeriodSeconds: 30",
                    "terminationGracePeriodSeconds: 30\n      hostPID: true\n      hostIPC: false"),
                "no-host-namespaces"))
        .singleElement()
        .asString()
        .contains("hostPID: true");
  }

  @Test
  void checksInitContainersForSecurity() {
    String withInit =
        WEB.replace(
            "      containers:",
            "      initContainers:\n"
                + "        - {name: init, image: busybox:1.36, securityContext: {privileged: true}}\n"
                + "      containers:");

    assertThat(messages(withInit, "no-privileged"))
        .singleElement()
        .asString()
        .contains("init container 'init'");
  }
}
