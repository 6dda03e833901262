package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Errors in the fields that place and expose an app (scheduling, extra ports, a LoadBalancer,
 * one-off jobs): each names the file, line, column and field, and says what was expected.
 */
class SpecReaderPlacementErrorsTest {

  private static final String VALID =
      "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  /** The errors of a spec whose field under test starts on line 9. */
  private static List<String> errors(String lines) {
    String text = SpecReaderDefaultsTest.HEADER + "spec:\n" + VALID + lines;
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> SpecReader.read("minato.yaml", text));
    assertThat(e).as("expected errors for:%n%s", text).isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  @Test
  void nodeSelectorMustBeAMappingOfLabels() {
    assertThat(errors("  nodeSelector: [pool]\n"))
        .containsExactly(
            "minato.yaml:9:17: spec.nodeSelector: expected a mapping of fields, found a list");
    assertThat(errors("  nodeSelector: {pool: 'two words'}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:17: spec.nodeSelector: 'two words' (for pool) is not a label");
  }

  @Test
  void aTolerationHasOnlyKnownFields() {
    assertThat(errors("  tolerations: [{key: a, efect: NoSchedule}]\n"))
        .containsExactly(
            "minato.yaml:9:26: spec.tolerations[0].efect: unknown field 'efect', did you mean"
                + " 'effect'?");
  }

  @Test
  void aTolerationEffectIsOneOfKubernetesEffects() {
    assertThat(errors("  tolerations: [{key: a, effect: NoSchedul}]\n"))
        .containsExactly(
            "minato.yaml:9:34: spec.tolerations[0].effect: expected one of NoSchedule,"
                + " PreferNoSchedule, NoExecute, found 'NoSchedul', did you mean 'NoSchedule'?");
  }

  @Test
  void operatorExistsTakesNoValue() {
    assertThat(errors("  tolerations: [{key: a, operator: Exists, value: b}]\n"))
        .containsExactly(
            "minato.yaml:9:51: spec.tolerations[0].value: operator Exists matches any value;"
                + " remove value, or use operator Equal");
  }

  @Test
  void operatorEqualNeedsAKey() {
    assertThat(errors("  tolerations: [{operator: Equal, value: b}]\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:17: spec.tolerations[0]: operator Equal needs a key");
  }

  @Test
  void tolerationSecondsNeedsEffectNoExecute() {
    assertThat(errors("  tolerations: [{key: a, effect: NoSchedule, tolerationSeconds: 30}]\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:9:65: spec.tolerations[0].tolerationSeconds: tolerationSeconds applies to"
                + " effect NoExecute");
  }

  @Test
  void tolerationsMustBeAList() {
    assertThat(errors("  tolerations: {key: a}\n"))
        .containsExactly("minato.yaml:9:16: spec.tolerations: expected a list, found a mapping");
  }

  @Test
  void priorityClassNameIsAnObjectName() {
    assertThat(errors("  priorityClassName: High_Priority\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:9:22: spec.priorityClassName: 'High_Priority' is not a PriorityClass"
                + " name");
  }

  @Test
  void topologySpreadIsNoneDefaultOrAList() {
    assertThat(errors("  topologySpread: sometimes\n"))
        .containsExactly(
            "minato.yaml:9:19: spec.topologySpread: expected one of default, none, found 'sometimes'");
  }

  @Test
  void aSpreadConstraintNeedsATopologyKeyAndKnownFields() {
    assertThat(errors("  topologySpread: [{maxSkw: 2}]\n"))
        .containsExactly(
            "minato.yaml:9:20: spec.topologySpread[0]: missing required field 'topologyKey', e.g."
                + " topologyKey: topology.kubernetes.io/zone",
            "minato.yaml:9:21: spec.topologySpread[0].maxSkw: unknown field 'maxSkw', did you mean"
                + " 'maxSkew'?");
  }

  @Test
  void aSpreadConstraintSkewIsAPositiveWholeNumber() {
    assertThat(errors("  topologySpread: [{topologyKey: zone, maxSkew: 0}]\n"))
        .containsExactly(
            "minato.yaml:9:49: spec.topologySpread[0].maxSkew: expected a whole number from 1 to"
                + " 100, found 0");
  }

  @Test
  void aPortNameIsAnIanaServiceName() {
    assertThat(errors("  ports: [{name: grpc-admin-port-1, port: 9000}]\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:9:18: spec.ports[0].name: 'grpc-admin-port-1' is not a port name: at most"
                + " 15");
  }

  @Test
  void aPortNameMinatoUsesIsRefused() {
    assertThat(errors("  ports: [{name: metrics, port: 9000}]\n"))
        .containsExactly(
            "minato.yaml:9:18: spec.ports[0].name: 'metrics' is the name minato gives its own"
                + " port; choose another name");
  }

  @Test
  void aPortMayNotClashWithTheServingPortOrAnotherPort() {
    assertThat(errors("  ports: [{name: admin, port: 8080}]\n"))
        .containsExactly(
            "minato.yaml:9:31: spec.ports[0].port: 8080/TCP is already spec.port; each port"
                + " number is declared once per protocol");
    assertThat(errors("  ports: [{name: a1, port: 9000}, {name: a1, port: 9001}]\n"))
        .containsExactly(
            "minato.yaml:9:42: spec.ports[1].name: port name 'a1' is also used by spec.ports[0]");
  }

  @Test
  void aPortProtocolIsTcpUdpOrSctp() {
    assertThat(errors("  ports: [{name: dns, port: 53, protocol: UPD}]\n"))
        .containsExactly(
            "minato.yaml:9:43: spec.ports[0].protocol: expected one of TCP, UDP, SCTP, found"
                + " 'UPD', did you mean 'UDP'?");
  }

  @Test
  void aPortHasOnlyKnownFields() {
    assertThat(errors("  ports: [{name: dns, port: 53, protocl: UDP}]\n"))
        .containsExactly(
            "minato.yaml:9:33: spec.ports[0].protocl: unknown field 'protocl', did you mean"
                + " 'protocol'?");
  }

  @Test
  void aPortNumberIsAWholeNumber() {
    assertThat(errors("  ports: [{name: dns, port: fifty}]\n"))
        .containsExactly(
            "minato.yaml:9:29: spec.ports[0].port: expected a whole number from 1 to 65535, found"
                + " 'fifty'");
  }

  @Test
  void loadBalancerIsAnExposeType() {
    assertThat(errors("  expose: {type: LoadBalancr}\n"))
        .containsExactly(
            "minato.yaml:9:18: spec.expose.type: expected one of ClusterIP, NodePort, Ingress,"
                + " LoadBalancer, found 'LoadBalancr', did you mean 'LoadBalancer'?");
  }

  @Test
  void sourceRangesAreCidrBlocks() {
    assertThat(errors("  expose: {type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/33]}\n"))
        .containsExactly(
            "minato.yaml:9:58: spec.expose.loadBalancerSourceRanges: '10.0.0.0/33' is not a CIDR"
                + " block: the prefix length must be a number from 0 to 32; expected an address"
                + " and a prefix length, e.g. 203.0.113.0/24");
  }

  @Test
  void sourceRangesNeedALoadBalancer() {
    assertThat(errors("  expose: {type: NodePort, loadBalancerSourceRanges: [10.0.0.0/8]}\n"))
        .containsExactly(
            "minato.yaml:9:54: spec.expose.loadBalancerSourceRanges: loadBalancerSourceRanges"
                + " needs expose.type: LoadBalancer (type is NodePort)");
  }

  @Test
  void sourceRangesMustBeAList() {
    assertThat(errors("  expose: {type: LoadBalancer, loadBalancerSourceRanges: 10.0.0.0/8}\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:9:58: spec.expose.loadBalancerSourceRanges: expected a list of strings");
  }

  @Test
  void aLoadBalancerRoutesNoHost() {
    assertThat(errors("  expose: {type: LoadBalancer, host: shop.example.com}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:38: spec.expose.host: host needs expose.type: Ingress");
  }

  @Test
  void exposeAnnotationKeysAreQualifiedNames() {
    assertThat(errors("  expose: {type: LoadBalancer, annotations: {'a b': x}}\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:45: spec.expose.annotations: 'a b' is not an annotation key");
  }

  @Test
  void aOneOffJobTakesNoScheduleSettings() {
    assertThat(errors("  jobs: [{name: migrate, concurrency: Forbid}]\n"))
        .containsExactly(
            "minato.yaml:9:39: spec.jobs[0].concurrency: concurrency applies to a scheduled job;"
                + " this job has no schedule");
  }

  @Test
  void aOneOffJobHasOnlyKnownFields() {
    assertThat(errors("  jobs: [{name: migrate, ttlSecond: 60}]\n"))
        .containsExactly(
            "minato.yaml:9:26: spec.jobs[0].ttlSecond: unknown field 'ttlSecond', did you mean"
                + " 'ttlSeconds'?");
  }

  @Test
  void aOneOffJobTtlIsAWholeNumberOfSeconds() {
    assertThat(errors("  jobs: [{name: migrate, ttlSeconds: 1h}]\n"))
        .containsExactly(
            "minato.yaml:9:38: spec.jobs[0].ttlSeconds: expected a whole number of seconds or none,"
                + " found '1h'");
  }

  @Test
  void aOneOffJobNameLeavesRoomForTheHash() {
    assertThat(errors("  jobs: [{name: " + "m".repeat(50) + "}]\n"))
        .singleElement()
        .asString()
        .contains("at most 49 allowed (the Job is named shop-<name>-<hash>");
  }

  @Test
  void aOneOffJobAndAScheduledJobShareTheNamespaceOfNames() {
    assertThat(errors("  jobs: [{name: migrate}, {name: migrate, schedule: '@daily'}]\n"))
        .containsExactly(
            "minato.yaml:9:34: spec.jobs[1].name: job 'migrate' is declared twice; job names must"
                + " be unique");
  }

  @Test
  void anAppWithAnInternalServiceLeavesRoomForItsSuffix() {
    String name = "a".repeat(55);
    String text =
        SpecReaderDefaultsTest.HEADER.replace("name: shop", "name: " + name)
            + "spec:\n"
            + VALID
            + "  ports: [{name: admin, port: 9000}]\n";
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> SpecReader.read("minato.yaml", text));

    assertThat(e.errors().stream().map(SpecError::toString))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:10: spec.ports: the internal Service '" + name + "-internal'")
        .endsWith("needs a name of at most 54 characters");
  }
}
