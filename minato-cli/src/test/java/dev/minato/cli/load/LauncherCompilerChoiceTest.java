package dev.minato.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.LauncherFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `./minato` launcher gives `minato load` the quick compiler only, except over TLS, where the
 * full JIT's AES-GCM intrinsics pay (docs/load.md, TLS). These run the launcher's own {@code
 * load_uses_tls} function, taken from the script as it is, on the arguments users pass.
 */
class LauncherCompilerChoiceTest {

  @Test
  void anHttpsUrlIsATlsRun() throws Exception {
    assertThat(usesTls("run", "https://shop.example:8443/", "--rate", "10/s")).isTrue();
  }

  @Test
  void aPlainUrlIsNot() throws Exception {
    assertThat(usesTls("run", "http://127.0.0.1:8080/", "--concurrency", "32")).isFalse();
  }

  @Test
  void aScenarioNamingAnHttpsTargetIsATlsRun(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("checkout.yaml");
    Files.writeString(scenario, "kind: LoadTest\nspec:\n  target: https://checkout.shop:8443\n");
    assertThat(usesTls("run", scenario.toString(), "--slo", "p99<250ms")).isTrue();
  }

  @Test
  void aScenarioWithAPlainTargetIsNot(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("checkout.yml");
    Files.writeString(scenario, "kind: LoadTest\nspec:\n  target: http://checkout.shop:8080\n");
    assertThat(usesTls("run", scenario.toString())).isFalse();
  }

  @Test
  void aMissingScenarioFileIsNotReadAsTls(@TempDir Path dir) throws Exception {
    assertThat(usesTls("run", dir.resolve("missing.yaml").toString())).isFalse();
  }

  private static boolean usesTls(String... args) throws Exception {
    LauncherFunction.Result result = LauncherFunction.run("load_uses_tls", args);
    assertThat(result.output()).as("bash output").isEmpty();
    assertThat(result.exitCode()).as("exit code of load_uses_tls").isIn(0, 1);
    return result.exitCode() == 0;
  }
}
