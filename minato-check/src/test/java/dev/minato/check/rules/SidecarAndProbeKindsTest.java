package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.check;
import static dev.minato.check.Fixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Native sidecars (init containers with {@code restartPolicy: Always}) run beside the app for the
 * pod's whole life and are probed like it; gRPC, TCP and exec probes are read as what they are.
 */
class SidecarAndProbeKindsTest {

  private static final String HARDENED =
      "securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,"
          + " capabilities: {drop: [ALL]}}";

  /** WEB with a log-shipping sidecar ({@code probe} is its probe lines) and an init container. */
  private static String withSidecar(String probe) {
    return WEB.replace(
        "      containers:\n",
        "      initContainers:\n"
            + "        - name: shipper\n"
            + "          image: example/shipper:2.1\n"
            + "          restartPolicy: Always\n"
            + "          ports: [{name: api, containerPort: 2020}]\n"
            + probe
            + "          resources: {requests: {cpu: 20m, memory: 48Mi}, limits: {memory: 48Mi}}\n"
            + "          "
            + HARDENED
            + "\n"
            + "        - name: wait-for-db\n"
            + "          image: example/pg:16.4\n"
            + "          command: [pg_isready]\n"
            + "          resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: 16Mi}}\n"
            + "          "
            + HARDENED
            + "\n"
            + "      containers:\n");
  }

  @Test
  void aPodWithANativeSidecarAndAnInitContainerPassesEveryRule() {
    assertThat(check(withSidecar("          livenessProbe: {tcpSocket: {port: api}}\n")).findings())
        .isEmpty();
  }

  @Test
  void aSidecarWithoutProbesIsNotAServingContainerWithoutProbes() {
    assertThat(check(withSidecar("")).findings()).isEmpty();
  }

  @Test
  void aSidecarProbeOnAnUndeclaredPortIsReportedAsTheSidecars() {
    assertThat(
            messages(
                withSidecar("          livenessProbe: {tcpSocket: {port: 2021}}\n"), "probe-port"))
        .singleElement()
        .asString()
        .contains("Deployment/web sidecar 'shipper' livenessProbe uses port 2021", "api=2020");
  }

  @Test
  void aSidecarsStartupBudgetIsChecked() {
    String probes =
        "          startupProbe: {tcpSocket: {port: api}, periodSeconds: 5, failureThreshold: 2}\n"
            + "          livenessProbe: {tcpSocket: {port: api}, initialDelaySeconds: 30}\n";

    assertThat(messages(withSidecar(probes), "startup-budget"))
        .singleElement()
        .asString()
        .contains("sidecar 'shipper' startupProbe allows 10s");
  }

  @Test
  void grpcTcpAndExecProbesOnDeclaredPortsPass() {
    String probes =
        WEB.replace(
                "readinessProbe: {httpGet: {path: /ready, port: http}}",
                "readinessProbe: {grpc: {port: 8080}}")
            .replace(
                "livenessProbe: {httpGet: {path: /health, port: http}}",
                "livenessProbe: {tcpSocket: {port: http}}\n"
                    + "          startupProbe: {exec: {command: [bin/alive]}}");

    assertThat(check(probes).findings()).isEmpty();
  }

  @Test
  void aGrpcProbeNamingItsPortIsReported() {
    String named =
        WEB.replace(
            "readinessProbe: {httpGet: {path: /ready, port: http}}",
            "readinessProbe: {grpc: {port: http}}");

    assertThat(messages(named, "probe-port"))
        .singleElement()
        .asString()
        .contains("readinessProbe uses port 'http'", "takes a port number");
  }
}
