package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.App;
import dev.minato.spec.Container;
import dev.minato.spec.ContainerPort;
import dev.minato.spec.EnvSource;
import dev.minato.spec.Health;
import dev.minato.spec.Probe;
import dev.minato.spec.VolumeMount;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code sidecars}, {@code initContainers} and {@code envFrom}. */
class SpecReaderPodContainersTest {

  private static final String HEADER = SpecReaderDefaultsTest.HEADER + "spec:\n";
  private static final String WEB =
      "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  private static App read(String text) throws SpecException {
    return SpecReader.read("minato.yaml", HEADER + text).get(0);
  }

  private static List<String> errors(String spec) {
    SpecException e =
        catchThrowableOfType(
            SpecException.class, () -> SpecReader.read("minato.yaml", HEADER + spec));
    assertThat(e).as("expected errors for:%n%s", spec).isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  @Test
  void aSidecarGetsDefaultsResourcesAndProbesOnItsFirstTcpPort() throws Exception {
    Container sidecar =
        read(WEB
                + "  sidecars:\n"
                + "    - name: exporter\n"
                + "      image: prom/statsd-exporter:v0.27.1\n"
                + "      ports: [{name: statsd, containerPort: 9125, protocol: udp},"
                + " {name: metrics, containerPort: 9102}]\n"
                + "      health: {liveness: /-/healthy, readiness: /-/ready}\n")
            .spec()
            .sidecars()
            .get(0);

    assertThat(sidecar.resources()).isEqualTo(ContainerBinder.DEFAULT_RESOURCES);
    assertThat(sidecar.ports())
        .containsExactly(
            new ContainerPort("statsd", 9125, ContainerPort.Protocol.UDP),
            new ContainerPort("metrics", 9102, ContainerPort.Protocol.TCP));
    assertThat(sidecar.health().liveness().orElseThrow().check())
        .isEqualTo(new Probe.HttpGet("/-/healthy", 9102));
    assertThat(sidecar.health().readiness().orElseThrow().check())
        .isEqualTo(new Probe.HttpGet("/-/ready", 9102));
    assertThat(sidecar.health().startup()).as("no start-up budget unless asked").isEmpty();
  }

  @Test
  void aSidecarWithoutHealthAndAnInitContainerHaveNoProbes() throws Exception {
    App app =
        read(
            WEB
                + "  sidecars: [{name: shipper, image: 'fluent/fluent-bit:3.1.9'}]\n"
                + "  initContainers: [{name: wait, image: 'postgres:16.4', command: [pg_isready]}]\n");

    assertThat(app.spec().sidecars().get(0).health()).isEqualTo(Health.none());
    assertThat(app.spec().initContainers().get(0).health()).isEqualTo(Health.none());
    assertThat(app.spec().initContainers().get(0).command()).containsExactly("pg_isready");
  }

  @Test
  void envFromNamesConfigMapsAndSecrets() throws Exception {
    App app =
        read(
            WEB
                + "  envFrom: [{configMap: shop-config}, {secret: shop-credentials, optional:"
                + " true}]\n");

    assertThat(app.spec().envFrom())
        .containsExactly(
            new EnvSource(EnvSource.Kind.CONFIG_MAP, "shop-config", false),
            new EnvSource(EnvSource.Kind.SECRET, "shop-credentials", true));
  }

  @Test
  void anEnvironmentReplacesTheListsAsWholes() throws Exception {
    App app =
        read(
            WEB
                + "  sidecars: [{name: shipper, image: 'fluent/fluent-bit:3.1.9'}]\n"
                + "  envFrom: [{configMap: shop-config}]\n"
                + "environments:\n"
                + "  dev: {sidecars: [], envFrom: [{configMap: shop-dev}]}\n"
                + "  prd: {}\n");

    assertThat(app.environments().get(0).spec().sidecars()).isEmpty();
    assertThat(app.environments().get(0).spec().envFrom())
        .extracting(EnvSource::name)
        .containsExactly("shop-dev");
    assertThat(app.environments().get(1).spec().sidecars()).hasSize(1);
  }

  @Test
  void rejectsAListWrittenAsAMapping() {
    assertThat(errors(WEB + "  sidecars: {name: shipper}\n"))
        .containsExactly("minato.yaml:9:13: spec.sidecars: expected a list, found a mapping");
  }

  @Test
  void rejectsAnUnknownContainerFieldWithSuggestion() {
    assertThat(errors(WEB + "  initContainers:\n    - {name: wait, image: 'pg:16', comand: [x]}\n"))
        .containsExactly(
            "minato.yaml:10:36: spec.initContainers[0].comand: unknown field 'comand', did you"
                + " mean 'command'?");
  }

  @Test
  void rejectsAnImageLikeSpecImage() {
    assertThat(errors(WEB + "  sidecars: [{name: s, image: 'fluent/fluent-bit:latest'}]\n"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:9:31: spec.sidecars[0].image: image 'fluent/fluent-bit:latest'")
        .contains("uses the 'latest' tag");
    assertThat(errors(WEB + "  sidecars: [{name: s}]\n"))
        .singleElement()
        .asString()
        .contains("spec.sidecars[0]: missing required field 'image'");
  }

  @Test
  void rejectsContainerNamesUsedTwiceInThePod() {
    assertThat(errors(WEB + "  sidecars: [{name: shop, image: 'a:1'}]\n"))
        .singleElement()
        .asString()
        .contains("spec.sidecars[0].name: 'shop' is already the name of the app's own container");
    assertThat(
            errors(
                WEB
                    + "  sidecars: [{name: x, image: 'a:1'}]\n"
                    + "  initContainers: [{name: x, image: 'a:1'}]\n"))
        .singleElement()
        .asString()
        .startsWith(
            "minato.yaml:10:27: spec.initContainers[0].name: 'x' is already the name of"
                + " spec.sidecars[0]");
    assertThat(errors(WEB + "  sidecars: [{name: Log_Shipper, image: 'a:1'}]\n"))
        .singleElement()
        .asString()
        .contains("is not a valid name", "e.g. 'log-shipper'");
  }

  @Test
  void rejectsASidecarPortTheAppAlreadyListensOn() {
    assertThat(
            errors(
                WEB
                    + "  sidecars: [{name: s, image: 'a:1', ports: [{name: web, containerPort: 8080}]}]\n"))
        .singleElement()
        .asString()
        .contains(
            "spec.sidecars[0].ports[0].containerPort: port 8080 is already used by the app's"
                + " container; the containers of a pod share one network");
  }

  @Test
  void rejectsBadPorts() {
    String sidecar = WEB + "  sidecars: [{name: s, image: 'a:1', ports: [%s]}]\n";
    assertThat(errors(sidecar.formatted("{name: metrics-exporter-port, containerPort: 9}")))
        .singleElement()
        .asString()
        .contains("is not a port name: at most 15");
    assertThat(errors(sidecar.formatted("{name: m, containerPort: 70000}")))
        .singleElement()
        .asString()
        .contains("containerPort: expected a whole number from 1 to 65535, found 70000");
    assertThat(errors(sidecar.formatted("{name: m, containerPort: 9, protocol: QUIC}")))
        .singleElement()
        .asString()
        .contains("protocol: expected one of TCP, UDP, SCTP, found 'QUIC'");
    assertThat(errors(sidecar.formatted("{name: m}")))
        .singleElement()
        .asString()
        .contains("missing required field 'containerPort'");
  }

  @Test
  void rejectsProbesOnAnInitContainer() {
    assertThat(errors(WEB + "  initContainers: [{name: i, image: 'a:1', health: {type: tcp}}]\n"))
        .containsExactly(
            "minato.yaml:9:52: spec.initContainers[0].health: init containers run to completion"
                + " before the app starts; Kubernetes accepts no probes on them (a sidecar can have"
                + " them)");
  }

  @Test
  void rejectsASidecarProbeOnAPortItDoesNotDeclare() {
    assertThat(
            errors(
                WEB
                    + "  sidecars: [{name: s, image: 'a:1', ports: [{name: m, containerPort: 9102}],"
                    + " health: {type: tcp, port: 9103}}]\n"))
        .singleElement()
        .asString()
        .contains("health.port: port 9103 is not a TCP port of this container (declared: [9102])");
    assertThat(errors(WEB + "  sidecars: [{name: s, image: 'a:1', health: {type: grpc}}]\n"))
        .singleElement()
        .asString()
        .contains("a grpc probe needs a port: declare a TCP port under ports, or use type: exec");
  }

  @Test
  void rejectsBadEnvFromEntries() {
    assertThat(errors(WEB + "  envFrom: [{configmap: shop}]\n"))
        .contains(
            "minato.yaml:9:14: spec.envFrom[0].configmap: unknown field 'configmap', did you mean"
                + " 'configMap'?");
    assertThat(errors(WEB + "  envFrom: [{configMap: a, secret: b}]\n"))
        .singleElement()
        .asString()
        .contains("name a configMap or a secret, not both");
    assertThat(errors(WEB + "  envFrom: [{secret: Shop_Secret}]\n"))
        .singleElement()
        .asString()
        .contains("spec.envFrom[0].secret: 'Shop_Secret' is not a valid secret name");
    assertThat(errors(WEB + "  envFrom: [{secret: s, optional: yes please}]\n"))
        .singleElement()
        .asString()
        .contains("spec.envFrom[0].optional: expected true or false");
    assertThat(errors(WEB + "  envFrom: [{secret: s}, {secret: s, optional: true}]\n"))
        .singleElement()
        .asString()
        .contains("secret 's' is listed twice");
  }

  private static final String VOLUMES =
      "  volumes:\n"
          + "    logs: {mountPath: /var/log/app, emptyDir: {}}\n"
          + "    cache: {mountPath: /var/cache/app, emptyDir: {sizeLimit: 1Gi}}\n";

  @Test
  void aSidecarMountsTheAppsVolumesByName() throws Exception {
    Container sidecar =
        read(WEB
                + VOLUMES
                + "  sidecars:\n"
                + "    - name: log-shipper\n"
                + "      image: fluent/fluent-bit:3.1.9\n"
                + "      volumeMounts:\n"
                + "        - {volume: logs, mountPath: /logs, readOnly: true}\n"
                + "        - {volume: cache, mountPath: /state, subPath: fluent-bit}\n")
            .spec()
            .sidecars()
            .get(0);

    assertThat(sidecar.volumeMounts())
        .containsExactly(
            new VolumeMount("logs", "/logs", Optional.empty(), true),
            new VolumeMount("cache", "/state", Optional.of("fluent-bit"), false));
  }

  @Test
  void rejectsAMountOfAVolumeTheAppDoesNotHaveWithSuggestion() {
    assertThat(
            errors(
                WEB
                    + VOLUMES
                    + "  initContainers:\n"
                    + "    - name: warm-cache\n"
                    + "      image: shop:1.0\n"
                    + "      volumeMounts: [{volume: cahce, mountPath: /cache}]\n"))
        .containsExactly(
            "minato.yaml:15:31: spec.initContainers[0].volumeMounts[0].volume: 'cahce' is not a"
                + " volume of the app (spec.volumes: cache, logs), did you mean 'cache'?");
  }

  @Test
  void rejectsMountsThatHideTmpOrEachOtherOrLeaveTheVolume() {
    assertThat(
            errors(
                WEB
                    + VOLUMES
                    + "  sidecars:\n"
                    + "    - name: shipper\n"
                    + "      image: shop:1.0\n"
                    + "      volumeMounts:\n"
                    + "        - {volume: logs, mountPath: /tmp/logs}\n"
                    + "        - {volume: logs, mountPath: /data, subPath: ../etc}\n"
                    + "        - {volume: cache, mountPath: /data}\n"
                    + "        - {volume: cache, mountPath: relative}\n"))
        .containsExactly(
            "minato.yaml:16:37: spec.sidecars[0].volumeMounts[0].mountPath: '/tmp/logs' overlaps"
                + " /tmp, which the pod's shared /tmp mounts; one mount would hide the other",
            "minato.yaml:17:53: spec.sidecars[0].volumeMounts[1].subPath: '../etc' must be a"
                + " relative path inside the volume, without '..'",
            "minato.yaml:18:38: spec.sidecars[0].volumeMounts[2].mountPath: '/data' is already"
                + " the mount path of spec.sidecars[0].volumeMounts[1]",
            "minato.yaml:19:38: spec.sidecars[0].volumeMounts[3].mountPath: 'relative' must be an"
                + " absolute directory other than /, e.g. /var/lib/data");
  }

  @Test
  void rejectsAnUnknownMountFieldWithSuggestion() {
    assertThat(
            errors(
                WEB
                    + VOLUMES
                    + "  sidecars:\n"
                    + "    - name: shipper\n"
                    + "      image: shop:1.0\n"
                    + "      volumeMounts: [{volume: logs, mountPath: /logs, readOnyl: true}]\n"))
        .singleElement()
        .asString()
        .contains(
            "spec.sidecars[0].volumeMounts[0].readOnyl: unknown field 'readOnyl', did you"
                + " mean 'readOnly'?");
  }
}
