package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A patch or extra object that does not fit what minato renders stops generate, in either layout,
 * before anything is written, and says where in the spec the problem is.
 */
class GenerateEscapeHatchTest {

  private static final String VALID =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
          + "spec:\n  image: a:1\n  port: 80\n  resources: {cpu: 1, memory: 1Gi}\n";

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void patchesThatDoNotFitExitTwoListingAllAndKeepThePreviousOutput(boolean flat, @TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("m");
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(spec, VALID);
    String layout = flat ? "--flat" : "-q";
    assertThat(
            CliRun.of("generate", layout, "-f", spec.toString(), "-o", out.toString()).exitCode())
        .isZero();
    Map<String, String> before = GenerateCommandTest.snapshot(out);
    Files.writeString(
        spec,
        VALID
            + "  patches: [{target: {kind: Ingress}, merge: {}}]\n"
            + "environments:\n"
            + "  prd:\n"
            + "    patches:\n"
            + "      - target: {kind: Deployment}\n"
            + "        jsonPatch: [{op: remove, path: /spec/template/spec/hostNetwork}]\n"
            + "    extraObjects:\n"
            + "      - {apiVersion: v1, kind: Service, metadata: {name: a}}\n");

    CliRun run = CliRun.of("generate", layout, "-f", spec.toString(), "-o", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(
            spec
                + ":13:21: environments.prd.patches[0].jsonPatch[0]: cannot remove /spec/template/spec/hostNetwork in"
                + " Deployment/a:")
        .contains(
            spec
                + ":15:9: environments.prd.extraObjects[0]: minato already renders Service/a"
                + " for this app; change it with patches instead")
        .contains(spec + ":8:22: spec.patches[0].target: no Ingress is rendered for this spec")
        .contains("3 errors in the specs; nothing was written");
    assertThat(GenerateCommandTest.snapshot(out)).isEqualTo(before);
  }

  @Test
  void checkSpecReportsABrokenPatchAsInvalidInput(@TempDir Path dir) throws IOException {
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(
        spec, VALID + "  patches: [{target: {kind: Ingress}, merge: {metadata: {labels: {}}}}]\n");

    CliRun run = CliRun.of("check", "--spec", spec.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(spec + ":8:22: spec.patches[0].target: no Ingress is rendered for this spec");
  }
}
