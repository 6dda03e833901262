package dev.minato.render.objects;

import static dev.minato.render.objects.RenderedApp.WEB;
import static dev.minato.render.objects.RenderedApp.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneOffJobRendererTest {

  private static final String MIGRATE =
      "  jobs:\n    - {name: migrate, command: [bin/rails, db:migrate], retries: 2,"
          + " timeoutSeconds: 600}\n";

  private static ObjectNode job(List<ObjectNode> objects) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals("Job"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Job in " + objects));
  }

  @Test
  void aJobWithoutScheduleRendersAJobThatKubernetesRemovesAfterAnHour() throws Exception {
    ObjectNode job = job(render(WEB + MIGRATE));

    assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
    assertThat(job.at("/metadata/name").asText()).matches("shop-migrate-[0-9a-f]{8}");
    assertThat(job.at("/spec/ttlSecondsAfterFinished").asInt()).isEqualTo(3600);
    assertThat(job.at("/spec/backoffLimit").asInt()).isEqualTo(2);
    assertThat(job.at("/spec/activeDeadlineSeconds").asInt()).isEqualTo(600);
    assertThat(job.at("/metadata/labels/minato.dev~1migration-policy").asText())
        .isEqualTo("downtime-ok");
  }

  @Test
  void ttlSecondsSetsTheTimeToLive() throws Exception {
    ObjectNode job = job(render(WEB + "  jobs: [{name: migrate, ttlSeconds: 0}]\n"));

    assertThat(job.at("/spec/ttlSecondsAfterFinished").asInt()).isZero();
  }

  @Test
  void ttlSecondsNoneKeepsTheFinishedJobSoThatNoReapplyRunsItAgain() throws Exception {
    ObjectNode job = job(render(WEB + "  jobs: [{name: migrate, ttlSeconds: none}]\n"));

    assertThat(job.path("spec").has("ttlSecondsAfterFinished")).isFalse();
  }

  @Test
  void theJobPodIsHardenedLikeACronJobPod() throws Exception {
    List<ObjectNode> objects = render(WEB + MIGRATE + "    - {name: report, schedule: '@daily'}\n");
    ObjectNode cronJob =
        objects.stream().filter(o -> o.path("kind").asText().equals("CronJob")).findFirst().get();

    JsonNode jobPod = job(objects).at("/spec/template/spec");
    JsonNode cronPod = cronJob.at("/spec/jobTemplate/spec/template/spec");
    assertThat(jobPod.path("securityContext")).isEqualTo(cronPod.path("securityContext"));
    assertThat(jobPod.path("restartPolicy").asText()).isEqualTo("Never");
    assertThat(jobPod.at("/containers/0/securityContext"))
        .isEqualTo(cronPod.at("/containers/0/securityContext"));
    assertThat(jobPod.at("/containers/0/command").toString())
        .isEqualTo("[\"bin/rails\",\"db:migrate\"]");
  }

  @Test
  void aChangedJobIsANewJobBecauseItsTemplateCannotChange() throws Exception {
    String first = job(render(WEB + MIGRATE)).at("/metadata/name").asText();
    String again = job(render(WEB + MIGRATE)).at("/metadata/name").asText();
    String newImage =
        job(render(WEB.replace("shop:1.0", "shop:1.1") + MIGRATE)).at("/metadata/name").asText();

    assertThat(again).isEqualTo(first);
    assertThat(newImage).startsWith("shop-migrate-").isNotEqualTo(first);
  }

  @Test
  void aBatchAppMayHoldOnlyOneOffJobs() throws Exception {
    List<ObjectNode> objects =
        render("  image: shop:1.0\n  resources: {cpu: 500m, memory: 256Mi}\n" + MIGRATE);

    assertThat(objects).extracting(o -> o.path("kind").asText()).containsExactly("Job");
  }

  @Test
  void aPatchThatChangesTheJobGivesItTheNameOfANewJob() throws Exception {
    ObjectNode patched =
        job(
            withPatches(
                "  patches:\n"
                    + "    - target: {kind: Job}\n"
                    + "      jsonPatch: [{op: replace, path: /spec/backoffLimit, value: 5}]\n"
                    + "    - target: {kind: Service}\n"
                    + "      merge: {metadata: {annotations: {a: b}}}\n"));
    String plain = job(render(WEB + MIGRATE)).at("/metadata/name").asText();

    assertThat(patched.at("/spec/backoffLimit").asInt()).isEqualTo(5);
    assertThat(patched.at("/metadata/name").asText())
        .matches("shop-migrate-[0-9a-f]{8}")
        .isNotEqualTo(plain);
  }

  @Test
  void aPatchOfAnotherObjectLeavesTheJobsNameAlone() throws Exception {
    List<ObjectNode> objects =
        withPatches(
            "  patches: [{target: {kind: Service}, merge: {metadata: {labels: {a: b}}}}]\n");

    assertThat(job(objects).at("/metadata/name").asText())
        .isEqualTo(job(render(WEB + MIGRATE)).at("/metadata/name").asText());
  }

  /** Everything the spec renders with the given patches applied, as generate writes it. */
  private static List<ObjectNode> withPatches(String patches) throws Exception {
    App app =
        SpecReader.read(
                "minato.yaml",
                "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop}\nspec:\n"
                    + WEB
                    + MIGRATE
                    + patches)
            .get(0);
    return AppObjects.render(app, app.spec());
  }
}
