package dev.minato.check.rules;

import static dev.minato.check.Fixture.WEB;
import static dev.minato.check.Fixture.check;
import static dev.minato.check.Fixture.findings;
import static dev.minato.check.Fixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.Profile;
import dev.minato.check.config.CheckConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortabilityRulesTest {

  @Test
  void workloadsNeedAMigrationPolicy() {
    assertThat(
            messages(
                WEB.replace(", minato.dev/migration-policy: duplicate-ok", ""), "migration-policy"))
        .singleElement()
        .asString()
        .contains("has no minato.dev/migration-policy");
  }

  @Test
  void migrationPolicyMustBeAKnownValue() {
    assertThat(messages(WEB.replace("duplicate-ok", "maybe"), "migration-policy"))
        .singleElement()
        .asString()
        .contains("'maybe' is not a migration policy; expected duplicate-ok or downtime-ok");
  }

  @Test
  void migrationPolicyIsNotInTheDefaultProfile() {
    String yaml = WEB.replace(", minato.dev/migration-policy: duplicate-ok", "");
    assertThat(check(yaml, CheckConfig.defaults()).findings()).isEmpty();
    assertThat(check(yaml, CheckConfig.defaults().withProfile(Profile.PORTABLE)).findings())
        .hasSize(1);
  }

  private static final String STATEFUL =
      "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: shop}\n"
          + "spec: {serviceName: db, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}},"
          + " spec: {containers: [{name: db, image: postgres:16}]}}}\n"
          + "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: shop}\n"
          + "spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n";

  @Test
  void statefulObjectsInApplicationNamespacesFail() {
    assertThat(messages(STATEFUL, "no-stateful-workloads"))
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).startsWith("StatefulSet/shop/db keeps state"))
        .anySatisfy(m -> assertThat(m).startsWith("PersistentVolumeClaim/shop/data keeps state"));
  }

  @Test
  void statefulObjectsInPlatformNamespacesPass() {
    assertThat(
            messages(
                STATEFUL.replace("namespace: shop", "namespace: kube-system"),
                "no-stateful-workloads"))
        .isEmpty();
  }

  private static final String MOUNTS_CLAIM =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: blog, namespace: shop}\n"
          + "spec: {selector: {matchLabels: {app: blog}}, template: {metadata: {labels: {app: blog}},"
          + " spec: {containers: [{name: blog, image: blog:1}], volumes: [{name: cache, emptyDir: {}},"
          + " {name: uploads, persistentVolumeClaim: {claimName: blog-uploads}}]}}}\n";

  @Test
  void aWorkloadMountingAClaimFailsAtTheVolume() {
    assertThat(messages(MOUNTS_CLAIM, "no-stateful-workloads"))
        .singleElement()
        .asString()
        .startsWith("Deployment/shop/blog mounts the PersistentVolumeClaim 'blog-uploads'");
    assertThat(findings(MOUNTS_CLAIM, "no-stateful-workloads").get(0).field())
        .isEqualTo("spec.template.spec.volumes[uploads]");
  }

  @Test
  void aWorkloadWithOnlyScratchVolumesAndAStatefulSetMountingItsClaimReportOnceAtMost() {
    assertThat(
            messages(
                MOUNTS_CLAIM.replace(
                    ", {name: uploads, persistentVolumeClaim: {claimName: blog-uploads}}", ""),
                "no-stateful-workloads"))
        .isEmpty();
    assertThat(
            messages(
                MOUNTS_CLAIM.replace("kind: Deployment", "kind: StatefulSet"),
                "no-stateful-workloads"))
        .singleElement()
        .asString()
        .startsWith("StatefulSet/shop/blog keeps state");
  }

  private static final String CRON =
      "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\n"
          + "  labels: {minato.dev/migration-policy: downtime-ok}\n"
          + "spec:\n  schedule: \"0 3 * * *\"\n  concurrencyPolicy: Forbid\n"
          + "  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: r, image: r:1}]}}}}\n";

  @Test
  void downtimeOkCronJobMustForbidOverlap() {
    assertThat(messages(CRON, "cronjob-concurrency")).isEmpty();
    assertThat(messages(CRON.replace("  concurrencyPolicy: Forbid\n", ""), "cronjob-concurrency"))
        .singleElement()
        .asString()
        .contains("concurrencyPolicy is Allow (the default)");
    assertThat(messages(CRON.replace("Forbid", "Replace"), "cronjob-concurrency")).hasSize(1);
  }

  @Test
  void duplicateOkCronJobMayOverlap() {
    assertThat(
            messages(
                CRON.replace("downtime-ok", "duplicate-ok").replace("Forbid", "Allow"),
                "cronjob-concurrency"))
        .isEmpty();
  }

  @Test
  void secretWithLiteralDataFails() {
    String secret =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: aHVudGVyMg==, user: YWRtaW4=}\n";
    assertThat(messages(secret, "no-plaintext-secret"))
        .singleElement()
        .asString()
        .contains("holds 2 literal values in data (password, user)");
  }

  private static final String SOPS_SECRET =
      "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\n"
          + "stringData:\n  password: ENC[AES256_GCM,data:3Kc=,iv:AAAA,tag:BBBB,type:str]\n"
          + "sops:\n  lastmodified: '2026-11-30T10:00:00Z'\n"
          + "  mac: ENC[AES256_GCM,data:xx,iv:yy,tag:zz,type:str]\n"
          + "  encrypted_regex: ^(data|stringData)$\n  version: 3.13.1\n";

  @Test
  void sopsEncryptedSecretPasses() {
    assertThat(messages(SOPS_SECRET, "no-plaintext-secret")).isEmpty();
  }

  @Test
  void aValueLeftInClearInASopsSecretStillFails() {
    String secret = SOPS_SECRET.replace("stringData:\n", "stringData:\n  user: admin\n");
    assertThat(messages(secret, "no-plaintext-secret"))
        .singleElement()
        .asString()
        .contains("holds 1 literal value in stringData (user)");
  }

  @Test
  void encValuesWithoutSopsMetadataAreNotTrusted() {
    String secret = SOPS_SECRET.substring(0, SOPS_SECRET.indexOf("sops:"));
    assertThat(messages(secret, "no-plaintext-secret")).hasSize(1);
  }

  @Test
  void secretWithoutDataPasses() {
    assertThat(
            messages(
                "apiVersion: v1\nkind: Secret\nmetadata: {name: empty}\ntype: Opaque\n",
                "no-plaintext-secret"))
        .isEmpty();
  }

  @Test
  void clusterNamesInLabelsAnnotationsAndEnvFail() {
    String yaml =
        WEB.replace("labels: {app: web}", "labels: {app: web, cluster: prod-EU-1}")
            .replace(
                "          resources:",
                "          env: [{name: KAFKA, value: kafka.prod-eu-1.internal}]\n          resources:");
    List<String> found =
        check(yaml, CheckConfig.defaults().withClusterNames(List.of("prod-eu-1")))
            .findings()
            .stream()
            .filter(f -> f.ruleId().equals("no-cluster-name"))
            .map(f -> f.message())
            .toList();

    assertThat(found)
        .hasSize(2)
        .anySatisfy(
            m -> assertThat(m).contains("label 'cluster=prod-EU-1' names cluster 'prod-eu-1'"))
        .anySatisfy(m -> assertThat(m).contains("env KAFKA='kafka.prod-eu-1.internal'"));
  }

  @Test
  void otherClusterNamesPass() {
    assertThat(check(WEB, CheckConfig.defaults().withClusterNames(List.of("prod-eu-1"))).findings())
        .isEmpty();
  }

  @Test
  void removedApiVersionNamesItsReplacement() {
    String ingress =
        "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: web}\nspec: {}\n";
    assertThat(messages(ingress, "deprecated-api"))
        .singleElement()
        .asString()
        .contains("removed in Kubernetes 1.22; use networking.k8s.io/v1");
    assertThat(messages(ingress.replace("v1beta1", "v1"), "deprecated-api")).isEmpty();
  }

  @Test
  void removedApiGroupVersionAppliesToAllItsKinds() {
    assertThat(messages(WEB.replace("apps/v1", "apps/v1beta2"), "deprecated-api"))
        .singleElement()
        .asString()
        .contains("use apps/v1");
  }

  @Test
  void customResourcesWithPodTemplatesAreChecked() {
    String rollout =
        WEB.replace(
                "apiVersion: apps/v1\nkind: Deployment",
                "apiVersion: argoproj.io/v1alpha1\nkind: Rollout")
            .replace("example/web:1.0", "example/web:latest");
    assertThat(messages(rollout, "image-tag-pinned"))
        .singleElement()
        .asString()
        .startsWith("Rollout/web container 'app'");
  }

  @Test
  void unknownKindsWithoutPodsAreAccepted() {
    String widget =
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n";
    assertThat(check(widget).findings()).isEmpty();
    assertThat(check(widget).objects())
        .singleElement()
        .satisfies(o -> assertThat(o.ruleIds()).contains("deprecated-api"));
  }
}
