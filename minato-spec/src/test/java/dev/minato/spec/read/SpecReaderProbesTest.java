package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.AppSpec;
import dev.minato.spec.Health;
import dev.minato.spec.Probe;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code health}: the kind of check, its tuning, and what Kubernetes would reject. */
class SpecReaderProbesTest {

  private static final String HEADER = SpecReaderDefaultsTest.HEADER + "spec:\n";
  private static final String WEB =
      "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";
  private static final String WORKER =
      "  image: shop:1.0\n  resources: {cpu: 500m, memory: 256Mi}\n";

  private static AppSpec read(String spec) throws SpecException {
    return SpecReader.read("minato.yaml", HEADER + spec).get(0).spec();
  }

  private static List<String> errors(String spec) {
    SpecException e =
        catchThrowableOfType(
            SpecException.class, () -> SpecReader.read("minato.yaml", HEADER + spec));
    assertThat(e).as("expected errors for:%n%s", spec).isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  @Test
  void httpStaysTheDefaultWithTodaysTimings() throws Exception {
    Health health = read(WEB).health();

    assertThat(health.liveness())
        .contains(new Probe(new Probe.HttpGet("/healthz", 8080), 10, 2, 3, 1));
    assertThat(health.readiness())
        .contains(new Probe(new Probe.HttpGet("/healthz", 8080), 5, 2, 3, 1));
    assertThat(health.startup()).isEmpty();
  }

  @Test
  void aGrpcProbeChecksTheHealthPortWithTheNamedService() throws Exception {
    Health health =
        read(WEB + "  health: {type: grpc, port: 8081, grpcService: shop.v1.Shop}\n").health();

    assertThat(health.liveness().orElseThrow().check())
        .isEqualTo(new Probe.Grpc(8081, Optional.of("shop.v1.Shop")));
    assertThat(health.readiness().orElseThrow().check())
        .isEqualTo(new Probe.Grpc(8081, Optional.of("shop.v1.Shop")));
  }

  @Test
  void aTcpProbeDefaultsToTheAppPort() throws Exception {
    assertThat(read(WEB + "  health: {type: tcp}\n").health().liveness().orElseThrow().check())
        .isEqualTo(new Probe.TcpSocket(8080));
  }

  @Test
  void eachProbeIsTunedOnItsOwn() throws Exception {
    Health health =
        read(WEB
                + "  health:\n"
                + "    liveness: {path: /live, periodSeconds: 20, timeoutSeconds: 5,"
                + " failureThreshold: 6}\n"
                + "    readiness: {periodSeconds: 3, timeoutSeconds: 1, successThreshold: 2}\n")
            .health();

    assertThat(health.liveness())
        .contains(new Probe(new Probe.HttpGet("/live", 8080), 20, 5, 6, 1));
    assertThat(health.readiness())
        .as("readiness keeps the liveness path")
        .contains(new Probe(new Probe.HttpGet("/live", 8080), 3, 1, 3, 2));
  }

  @Test
  void aWorkerGetsAnExecLivenessProbeAndNoReadinessUnlessAsked() throws Exception {
    Health health =
        read(WORKER + "  runtime: ruby\n  health: {type: exec, command: [bin/alive]}\n").health();

    assertThat(health.liveness().orElseThrow().check())
        .isEqualTo(new Probe.Exec(List.of("bin/alive")));
    assertThat(health.readiness()).isEmpty();
    assertThat(health.startup())
        .as("the runtime's start-up budget covers the exec check too")
        .contains(new Probe(new Probe.Exec(List.of("bin/alive")), 5, 2, 12, 1));
  }

  @Test
  void aWorkerWithoutHealthHasNoProbes() throws Exception {
    assertThat(read(WORKER + "  runtime: java\n").health()).isEqualTo(Health.none());
  }

  @Test
  void theStartupProbeOutlastsASlowCheck() throws Exception {
    Health health =
        read(WORKER
                + "  health: {type: exec, command: [x], startupSeconds: 60,"
                + " liveness: {periodSeconds: 30, timeoutSeconds: 10}}\n")
            .health();

    Probe startup = health.startup().orElseThrow();
    assertThat(startup.periodSeconds()).isGreaterThan(startup.timeoutSeconds());
    assertThat(startup.periodSeconds() * startup.failureThreshold()).isGreaterThanOrEqualTo(60);
  }

  @Test
  void rejectsAnUnknownTypeWithSuggestion() {
    assertThat(errors(WEB + "  health: {type: grcp}\n"))
        .containsExactly(
            "minato.yaml:9:18: spec.health.type: expected one of http, grpc, tcp, exec, found"
                + " 'grcp', did you mean 'grpc'?");
  }

  @Test
  void rejectsAnUnknownProbeSettingWithSuggestion() {
    assertThat(errors(WEB + "  health:\n    liveness: {periodSecond: 5}\n"))
        .containsExactly(
            "minato.yaml:10:16: spec.health.liveness.periodSecond: unknown field 'periodSecond',"
                + " did you mean 'periodSeconds'?");
  }

  @Test
  void rejectsAProbeSettingOfTheWrongType() {
    assertThat(errors(WEB + "  health:\n    readiness: {failureThreshold: many}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:10:35: spec.health.readiness.failureThreshold: expected a whole")
        .contains("found 'many'");
    assertThat(errors(WEB + "  health: {liveness: [a]}\n"))
        .singleElement()
        .asString()
        .contains("spec.health.liveness: expected a mapping of fields, found a list");
  }

  @Test
  void rejectsThresholdsBelowOne() {
    assertThat(errors(WEB + "  health:\n    liveness: {failureThreshold: 0}\n"))
        .singleElement()
        .asString()
        .contains("spec.health.liveness.failureThreshold: expected a whole number from 1");
  }

  @Test
  void rejectsATimeoutThatIsNotBelowThePeriod() {
    assertThat(errors(WEB + "  health:\n    readiness: {periodSeconds: 5, timeoutSeconds: 5}\n"))
        .containsExactly(
            "minato.yaml:10:51: spec.health.readiness.timeoutSeconds: timeoutSeconds 5 is not"
                + " below periodSeconds 5: a check would still be running when the next one"
                + " starts");
  }

  @Test
  void rejectsALivenessSuccessThresholdOtherThanOne() {
    assertThat(errors(WEB + "  health:\n    liveness: {successThreshold: 2}\n"))
        .singleElement()
        .asString()
        .contains("spec.health.liveness.successThreshold: must be 1 for a liveness probe");
  }

  @Test
  void rejectsAnExecProbeWithoutACommand() {
    assertThat(errors(WORKER + "  health: {type: exec}\n"))
        .containsExactly(
            "minato.yaml:8:11: spec.health: an exec probe needs a command, e.g. command:"
                + " [\"bin/healthcheck\"]");
  }

  @Test
  void rejectsSettingsThatDoNotApplyToTheType() {
    assertThat(errors(WEB + "  health: {type: grpc, liveness: /live}\n"))
        .singleElement()
        .asString()
        .contains("spec.health.liveness: a path applies to type: http");
    assertThat(errors(WEB + "  health: {type: tcp, grpcService: x}\n"))
        .singleElement()
        .asString()
        .contains(
            "spec.health.grpcService: grpcService names the service a gRPC health check asks about");
    assertThat(errors(WEB + "  health: {command: [x]}\n"))
        .singleElement()
        .asString()
        .contains("spec.health.command: command is what an exec probe runs");
    assertThat(errors(WEB + "  health: {type: exec, command: [x], port: 8081}\n"))
        .singleElement()
        .asString()
        .contains("spec.health.port: an exec probe runs a command and uses no port");
  }

  @Test
  void rejectsANetworkProbeOnAWorker() {
    assertThat(errors(WORKER + "  health: {type: tcp}\n"))
        .singleElement()
        .asString()
        .contains("spec.health: a tcp probe needs a port", "use type: exec");
  }
}
