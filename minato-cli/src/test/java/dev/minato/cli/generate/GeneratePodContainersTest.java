package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mistakes in probes, sidecars, init containers and envFrom stop generate in either layout before
 * anything is written, each named with its file:line:column.
 */
class GeneratePodContainersTest {

  private static final String VALID =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
          + "spec:\n  image: a:1\n  port: 80\n  resources: {cpu: 1, memory: 1Gi}\n";

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void podMistakesExitTwoListingAllAndKeepThePreviousOutput(boolean flat, @TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("m");
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(spec, VALID + "  sidecars: [{name: s, image: 'b:1'}]\n");
    String layout = flat ? "--flat" : "-q";
    assertThat(
            CliRun.of("generate", layout, "-f", spec.toString(), "-o", out.toString()).exitCode())
        .isZero();
    Map<String, String> before = GenerateCommandTest.snapshot(out);
    Files.writeString(
        spec,
        VALID
            + "  health: {type: grpc, liveness: {timeoutSeconds: 20}}\n"
            + "  envFrom: [{secrt: keys}]\n"
            + "  sidecars: [{name: a, image: 'b:1'}]\n"
            + "  initContainers: [{name: i, image: 'b:1', health: {type: exec}}]\n");

    CliRun run = CliRun.of("generate", layout, "-f", spec.toString(), "-o", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(
            spec
                + ":8:51: spec.health.liveness.timeoutSeconds: timeoutSeconds 20 is not below"
                + " periodSeconds 10")
        .contains(
            spec + ":9:14: spec.envFrom[0].secrt: unknown field 'secrt', did you mean 'secret'?")
        .contains(spec + ":10:21: spec.sidecars[0].name: 'a' is already the name of the app's own")
        .contains(spec + ":11:52: spec.initContainers[0].health: init containers run to completion")
        .contains("nothing was written");
    assertThat(GenerateCommandTest.snapshot(out)).isEqualTo(before);
  }
}
