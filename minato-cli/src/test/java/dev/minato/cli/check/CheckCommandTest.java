package dev.minato.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class CheckCommandTest {

  /** A Deployment and its Service that pass every rule of the default profile. */
  static final String CLEAN =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            securityContext: {runAsNonRoot: true}
            containers:
              - name: app
                image: example/web:1.0
                ports: [{name: http, containerPort: 8080}]
                readinessProbe: {httpGet: {path: /ready, port: http}}
                livenessProbe: {httpGet: {path: /health, port: http}}
                lifecycle: {preStop: {exec: {command: [sleep, "10"]}}}
                resources: {requests: {cpu: 500m, memory: 128Mi}, limits: {memory: 128Mi}}
                securityContext: {allowPrivilegeEscalation: false}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, annotations: {prometheus.io/scrape: "true"}}
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http}]
      """;

  static final String LATEST = CLEAN.replace("example/web:1.0", "example/web:latest");
  static final String NO_LIMIT = CLEAN.replace(", limits: {memory: 128Mi}", "");

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;
  private InputStream savedIn;
  private Clock savedClock;

  @BeforeEach
  void captureStreams() {
    savedOut = System.out;
    savedErr = System.err;
    savedIn = System.in;
    savedClock = CheckCommand.clock;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    CheckCommand.clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  }

  @AfterEach
  void restoreStreams() {
    System.setOut(savedOut);
    System.setErr(savedErr);
    System.setIn(savedIn);
    CheckCommand.clock = savedClock;
    CheckCommand.kubectl = "kubectl";
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void cleanManifestsExitZero() throws Exception {
    write("app/web.yaml", CLEAN);

    assertThat(Main.run("check", dir.toString())).isEqualTo(0);
    assertThat(out()).isEqualTo("0 errors, 0 warnings, 0 info in 2 objects\n");
  }

  @Test
  void errorFindingExitsOneWithFileAndLine() throws Exception {
    Path file = write("web.yaml", LATEST);

    assertThat(Main.run("check", file.toString())).isEqualTo(1);
    assertThat(out())
        .startsWith(file + "\n  " + file + ":13:18  error   image-tag-pinned  Deployment/web");
  }

  @Test
  void warningsFailOnlyWhenAskedAndNoneNeverFails() throws Exception {
    Path warning = write("warn.yaml", NO_LIMIT);
    Path error = write("error.yaml", LATEST);

    assertThat(Main.run("check", warning.toString())).isEqualTo(0);
    assertThat(Main.run("check", "--fail-on", "warning", warning.toString())).isEqualTo(1);
    assertThat(Main.run("check", "--fail-on", "none", error.toString())).isEqualTo(0);
  }

  @Test
  void unparseableFileExitsTwoAndOtherFilesAreStillChecked() throws Exception {
    Path broken = write("a-broken.yaml", "kind: Deployment\nmetadata: [\n");
    write("b-web.yaml", LATEST);

    assertThat(Main.run("check", dir.toString())).isEqualTo(2);
    assertThat(out())
        .contains(broken + ":3:1  error   input  invalid YAML: expected the node content")
        .contains("image-tag-pinned")
        .contains("1 input error");
  }

  @Test
  void inputWithoutAnyKubernetesObjectIsInvalidInputNotAPass() throws Exception {
    write("values.yaml", "replicas: 3\nimage: web\n");

    assertThat(Main.run("check", dir.toString())).isEqualTo(2);
    assertThat(err())
        .contains(
            "no Kubernetes objects found in "
                + dir
                + " (1 YAML documents without apiVersion and kind)")
        .contains("use --spec for minato.yaml specs");
  }

  @Test
  void missingPathIsInvalidInput() {
    assertThat(Main.run("check", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(out()).contains("nope.yaml  error   input  no such file or directory");
  }

  @Test
  void directoriesAreReadRecursivelyInSortedOrderSkippingOtherFiles() throws Exception {
    write("z/late.yml", LATEST.replace("name: web}", "name: z}"));
    write(
        "a/early.json",
        "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"s\"}, \"data\": {\"k\": \"dg==\"}}");
    write("a/notes.txt", "not yaml: [");
    write(".git/config.yaml", "broken: [");

    assertThat(Main.run("check", dir.toString())).isEqualTo(1);
    assertThat(out().indexOf("early.json")).isLessThan(out().indexOf("late.yml"));
  }

  @Test
  void aFileNamedTwiceIsCheckedOnce() throws Exception {
    Path file =
        write(
            "svc.yaml",
            "apiVersion: v1\nkind: Service\nmetadata: {name: edge}\n"
                + "spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}\n");

    assertThat(Main.run("check", file.toString(), dir.toString())).isEqualTo(0);
    assertThat(out()).contains("in 1 object");
  }

  @Test
  void checksTheItemsOfAKubectlList() {
    String list =
        "apiVersion: v1\nkind: List\nitems:\n"
            + "  - apiVersion: v1\n    kind: Secret\n    metadata: {name: a}\n    data: {k: dg==}\n"
            + "  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b}\n";
    System.setIn(new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)));

    assertThat(Main.run("check", "-")).isEqualTo(1);
    assertThat(out())
        .contains("<stdin>:4:5  error   no-plaintext-secret  Secret/a")
        .contains("in 2 objects");
  }

  @Test
  void readsAMultiDocumentStreamFromStdin() {
    System.setIn(new ByteArrayInputStream(LATEST.getBytes(StandardCharsets.UTF_8)));

    assertThat(Main.run("check", "-")).isEqualTo(1);
    assertThat(out()).startsWith("<stdin>\n  <stdin>:13:18  error   image-tag-pinned");
  }

  @Test
  void rendersAKustomizeDirectoryWithRealKubectl() throws Exception {
    write("base/web.yaml", LATEST);
    write("base/kustomization.yaml", "resources: [web.yaml]\nnamePrefix: shop-\nnamespace: shop\n");

    assertThat(Main.run("check", "-k", dir.resolve("base").toString())).isEqualTo(1);
    assertThat(out())
        .contains("kustomize:" + dir.resolve("base"))
        .contains("Deployment/shop/shop-web container 'app' image 'example/web:latest'");
  }

  @Test
  void kustomizeErrorIsInvalidInputWithItsMessage() throws Exception {
    write("bad/kustomization.yaml", "resources: [missing.yaml]\n");

    assertThat(Main.run("check", "-k", dir.resolve("bad").toString())).isEqualTo(2);
    assertThat(out()).contains("kustomize could not render").contains("missing.yaml");
  }

  @Test
  void missingKubectlIsAnEnvironmentError() throws Exception {
    write("base/kustomization.yaml", "resources: []\n");
    CheckCommand.kubectl = dir.resolve("no-such-kubectl").toString();

    assertThat(Main.run("check", "-k", dir.resolve("base").toString())).isEqualTo(3);
    assertThat(err()).contains("install kubectl");
  }

  @Test
  void aDirectoryOfKustomizationsIsCheckedOverlayByOverlayNeverItsBase() throws Exception {
    write("app/base/kustomization.yaml", "resources: [web.yaml]\n");
    write("app/base/web.yaml", CLEAN.replace("replicas: 1", "replicas: 2"));
    write(
        "app/overlays/prd/kustomization.yaml",
        "resources: [../../base]\nnamespace: prd\npatches: [{path: replicas.yaml}]\n");
    write(
        "app/overlays/prd/replicas.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1}\n");

    assertThat(Main.run("check", dir.toString(), "--fail-on", "warning")).isEqualTo(0);
    assertThat(out()).contains("in 2 objects");
  }

  @Test
  void withoutKubectlADirectoryOfKustomizationsIsNotCheckedAndSaysWhy() throws Exception {
    write("app/base/kustomization.yaml", "resources: [web.yaml]\n");
    write("app/base/web.yaml", CLEAN);
    write("app/overlays/prd/kustomization.yaml", "resources: [../../base]\n");
    write("plain/web.yaml", LATEST);
    CheckCommand.kubectl = dir.resolve("no-such-kubectl").toString();

    assertThat(Main.run("check", dir.toString())).isEqualTo(3);
    assertThat(out()).contains("image-tag-pinned").doesNotContain("app/base");
    assertThat(err())
        .contains("not checked: 1 kustomization(s)", "install kubectl", "bases and patches")
        .contains("-k " + dir.resolve("app/overlays/prd"));
  }

  @Test
  void jsonFormatIsParseable() throws Exception {
    Path file = write("web.yaml", LATEST);

    assertThat(Main.run("check", "--format", "json", file.toString())).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(out());
    assertThat(json.at("/findings/0/rule").asText()).isEqualTo("image-tag-pinned");
    assertThat(json.at("/findings/0/line").asInt()).isEqualTo(13);
  }

  @Test
  void sarifFormatIsWrittenToAFile() throws Exception {
    Path file = write("web.yaml", LATEST);
    Path report = dir.resolve("reports/check.sarif");

    assertThat(Main.run("check", "--format", "sarif", "-o", report.toString(), file.toString()))
        .isEqualTo(1);
    assertThat(out()).isEmpty();
    JsonNode sarif = new ObjectMapper().readTree(report.toFile());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt())
        .isEqualTo(13);
    try (var files = Files.list(report.getParent())) {
      assertThat(files).containsExactly(report);
    }
  }

  @Test
  void junitFormatIsParsedByAnXmlParser() throws Exception {
    Path file = write("web.yaml", LATEST);

    assertThat(Main.run("check", "--format", "junit", file.toString())).isEqualTo(1);
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(out().getBytes(StandardCharsets.UTF_8)));
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(xml.getElementsByTagName("testcase").getLength()).isGreaterThan(10);
  }

  @Test
  void unknownConfigFieldIsInvalidInputWithSuggestion() throws Exception {
    Path config = write("check.yaml", "profile: strict\nclusterName: [prod]\n");
    Path file = write("web.yaml", CLEAN);

    assertThat(Main.run("check", "--config", config.toString(), file.toString())).isEqualTo(2);
    assertThat(err())
        .contains(config + ":2:1: unknown field 'clusterName', did you mean 'clusterNames'?");
  }

  @Test
  void configSelectsProfileAndClusterNames() throws Exception {
    Path config =
        write("check.yaml", "clusterNames: [prod-eu-1]\nseverities: {memory-limit: error}\n");
    Path file =
        write("web.yaml", NO_LIMIT.replace("{app: web}}", "{app: web, cluster: prod-eu-1}}"));

    assertThat(Main.run("check", "--config", config.toString(), file.toString())).isEqualTo(1);
    assertThat(out()).contains("error   memory-limit").contains("no-cluster-name");
  }

  @Test
  void baselineHidesKnownFindingsAndCatchesNewOnes() throws Exception {
    Path file = write("web.yaml", LATEST);
    Path baseline = dir.resolve(".minato/baseline.json");

    assertThat(Main.run("check", "--write-baseline", baseline.toString(), file.toString()))
        .isEqualTo(0);
    assertThat(err()).contains("with 1 finding(s)");
    assertThat(Main.run("check", "--baseline", baseline.toString(), file.toString())).isEqualTo(0);

    Files.writeString(
        file,
        "# moved down\n"
            + LATEST
                .replace("replicas: 1", "replicas: 1\n  paused: false")
                .replace("{app: web}}", "{app: web}}\n  # note"));
    assertThat(Main.run("check", "--baseline", baseline.toString(), file.toString())).isEqualTo(0);

    Files.writeString(file, LATEST.replace("cpu: 500m, ", ""));
    assertThat(Main.run("check", "--baseline", baseline.toString(), file.toString())).isEqualTo(1);
  }

  @Test
  void expiredSuppressionIsReportedAgain() throws Exception {
    Path file =
        write(
            "web.yaml",
            LATEST.replace(
                "metadata: {name: web}\nspec:\n  replicas",
                "metadata:\n  name: web\n  annotations: {ignore.minato.dev/image-tag-pinned: \"vendor image until 2026-05-31\"}\nspec:\n  replicas"));

    assertThat(Main.run("check", file.toString())).isEqualTo(1);
    assertThat(out()).contains("(suppression expired on 2026-05-31: vendor image)");
  }

  @Test
  void listsTheRuleCatalogue() {
    assertThat(Main.run("check", "--list-rules")).isEqualTo(0);
    assertThat(out())
        .contains(
            "image-tag-pinned", "pdb-allows-eviction", "workers-follow-cpu", "read-only-root-fs")
        .contains("default,portable,strict")
        .contains("docs/rules/<rule>.md");
  }

  @Test
  void nothingToCheckIsAUsageError() {
    assertThat(Main.run("check")).isEqualTo(2);
    assertThat(err()).contains("nothing to check");
  }

  @Test
  void badFailOnIsAUsageError() throws Exception {
    Path file = write("web.yaml", CLEAN);

    assertThat(Main.run("check", "--fail-on", "fatal", file.toString())).isEqualTo(2);
    assertThat(err()).contains("--fail-on 'fatal' is not one of error, warning, info, none");
  }
}
