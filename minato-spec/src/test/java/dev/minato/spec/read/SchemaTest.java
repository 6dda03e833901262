package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.minato.manifest.YamlReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published JSON Schema must agree with the reader, or editors would mislead users. */
class SchemaTest {

  private static JsonSchema schema() throws Exception {
    try (InputStream in =
        SpecReader.class.getResourceAsStream("/dev/minato/spec/minato-app.schema.json")) {
      assertThat(in).as("the schema is packaged with the spec module").isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  private static Set<ValidationMessage> validate(Path file) throws Exception {
    JsonNode root = YamlReader.read(file).get(0).root();
    return schema().validate(root);
  }

  @Test
  void theSpecUsingEveryFieldReadsAndValidates() throws Exception {
    Path file = Path.of("src/test/resources/every-field.minato.yaml");

    assertThat(SpecReader.read(file)).hasSize(1);
    assertThat(validate(file)).isEmpty();
  }

  @Test
  void theSpecUsingEveryGrpcFieldReadsAndValidates() throws Exception {
    Path file = Path.of("src/test/resources/every-grpc-field.minato.yaml");

    assertThat(SpecReader.read(file)).hasSize(1);
    assertThat(validate(file)).isEmpty();
  }

  @Test
  void everyBundledExampleValidates() throws Exception {
    List<Path> examples = SpecFiles.find(Path.of("..", "examples"));
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      assertThat(validate(example)).as(example.toString()).isEmpty();
    }
  }

  @Test
  void theSchemaRejectsAnUnknownFieldLikeTheReader() throws Exception {
    JsonNode root =
        YamlReader.read(
                "x.yaml",
                "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
                    + "spec: {image: a:1, resources: {cpu: 1, memory: 1Gi}, replica: {min: 2}}\n")
            .get(0)
            .root();

    assertThat(schema().validate(root)).isNotEmpty();
  }

  @Test
  void theSchemaRejectsWhatTheReaderRejectsInPatchesAndExtraObjects() throws Exception {
    String base =
        "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
            + "spec:\n  image: a:1\n  resources: {cpu: 1, memory: 1Gi}\n";
    List<String> rejected =
        List.of(
            "  patches: [{target: {kind: Deployment}, jsonPatch: [{op: ad, path: /a, value: 1}]}]\n",
            "  patches: [{target: {kind: Deployment}, jsonPatch: [{op: add, path: /a}]}]\n",
            "  patches: [{target: {kind: Deployment}, jsonPatch: [{op: copy, path: /a}]}]\n",
            "  patches: [{target: {kind: Deploymnet}, merge: {}}]\n",
            "  patches: [{target: {kind: Deployment}}]\n",
            "  patches: [{target: {kind: Deployment}, merge: {}, jsonPatch: [{op: remove, path: /a}]}]\n",
            "  extraObjects: [{apiVersion: v1, metadata: {name: a}}]\n",
            "  extraObjects: [{apiVersion: v1, kind: ServiceAccount, metadata: {name: a, namespace: b}}]\n");
    assertBothReject(base, rejected);
  }

  @Test
  void theSchemaRejectsWhatTheReaderRejectsInVolumesAndMetadata() throws Exception {
    String base =
        "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
            + "spec:\n  image: a:1\n  resources: {cpu: 1, memory: 1Gi}\n";
    List<String> rejected =
        List.of(
            "  volumes: {c: {mountPath: /c, emptyDir: {sizelimit: 1Gi}}}\n",
            "  volumes: {c: {mountPath: /c, secret: {name: a, defaultMode: 420}}}\n",
            "  volumes: {Cache: {mountPath: /c, emptyDir: {}}}\n",
            "  volumes: {c: {mountPath: /c, persistentVolumeClaim: {claimName: A_B}}}\n",
            "  type: statefull\n",
            "  serviceAccount: {automountTokens: true}\n",
            "  secretName: Bad_Name\n",
            "  annotations: {\"bad key\": x}\n",
            "  podAnnotations: [a]\n");
    assertBothReject(base, rejected);
  }

  private static void assertBothReject(String base, List<String> rejected) throws Exception {
    for (String spec : rejected) {
      String text = base + spec;
      assertThat(catchThrowable(() -> SpecReader.read("x.yaml", text)))
          .as("the reader rejects %s", spec)
          .isInstanceOf(SpecException.class);
      assertThat(schema().validate(YamlReader.read("x.yaml", text).get(0).root()))
          .as("the schema rejects %s", spec)
          .isNotEmpty();
    }
  }

  @Test
  void theSchemaIsPublishedAtTheRepositoryRoot() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "schema"))) {
      assertThat(files.map(p -> p.getFileName().toString())).contains("minato-app.schema.json");
    }
  }

  private static final String WEB_BASE =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
          + "spec:\n  image: a:1\n  port: 8080\n  resources: {cpu: 1, memory: 1Gi}\n";

  @Test
  void theSchemaAcceptsWhatTheReaderAcceptsInSchedulingPortsExposureAndJobs() throws Exception {
    List<String> accepted =
        List.of(
            "  expose: {type: LoadBalancer, externalTrafficPolicy: Local,"
                + " loadBalancerSourceRanges: [10.0.0.0/8, '2001:db8::/32'],"
                + " annotations: {service.beta.kubernetes.io/aws-load-balancer-type: external}}\n",
            "  topologySpread: none\n",
            "  topologySpread: default\n",
            "  tolerations: [{operator: Exists}]\n",
            "  tolerations: [{key: a, operator: Exists, effect: NoExecute, tolerationSeconds: 5}]\n",
            "  tolerations: [{key: a, value: b}]\n",
            "  ports: [{name: udp-1, port: 53, protocol: UDP}, {name: tcp-1, port: 53}]\n",
            "  jobs: [{name: migrate, ttlSeconds: 0}]\n",
            "  jobs: [{name: migrate, ttlSeconds: none}]\n");
    for (String spec : accepted) {
      String text = WEB_BASE + spec;
      assertThat(SpecReader.read("x.yaml", text)).as("the reader accepts %s", spec).hasSize(1);
      assertThat(schema().validate(YamlReader.read("x.yaml", text).get(0).root()))
          .as("the schema accepts %s", spec)
          .isEmpty();
    }
  }

  @Test
  void theSchemaRejectsWhatTheReaderRejectsInSchedulingPortsExposureAndJobs() throws Exception {
    List<String> rejected =
        List.of(
            "  expose: {type: LoadBalancr}\n",
            "  expose: {type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0]}\n",
            "  expose: {type: LoadBalancer, annotations: {'bad key!': x}}\n",
            "  topologySpread: sometimes\n",
            "  topologySpread: []\n",
            "  topologySpread: [{maxSkew: 1}]\n",
            "  topologySpread: [{topologyKey: a, whenUnsatisfiable: Never}]\n",
            "  tolerations: [{key: a, operator: Exists, value: b}]\n",
            "  tolerations: [{operator: Equal, value: b}]\n",
            "  tolerations: [{key: a, operator: Exist}]\n",
            "  tolerations: [{key: a, effect: NoExecut}]\n",
            "  tolerations: [{key: a, tolerationSeconds: 5}]\n",
            "  nodeSelector: {'bad key!': x}\n",
            "  priorityClassName: High_Priority\n",
            "  ports: [{name: this-name-is-too-long, port: 9000}]\n",
            "  ports: [{name: http, port: 9000}]\n",
            "  ports: [{name: admin, port: 9000, protocol: QUIC}]\n",
            "  ports: [{name: admin}]\n",
            "  ports: [{name: '1234', port: 9000}]\n",
            "  jobs: [{name: migrate, concurrency: Forbid}]\n",
            "  jobs: [{name: migrate, ttlSeconds: never}]\n",
            "  jobs: [{name: report, schedule: '@daily', ttlSeconds: 60}]\n");
    for (String spec : rejected) {
      String text = WEB_BASE + spec;
      assertThat(catchThrowable(() -> SpecReader.read("x.yaml", text)))
          .as("the reader rejects %s", spec)
          .isInstanceOf(SpecException.class);
      assertThat(schema().validate(YamlReader.read("x.yaml", text).get(0).root()))
          .as("the schema rejects %s", spec)
          .isNotEmpty();
    }
  }
}
