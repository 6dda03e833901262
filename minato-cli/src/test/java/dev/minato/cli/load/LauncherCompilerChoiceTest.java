package dev.minato.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.LauncherFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `./minato` launcher gives `minato load` the quick compiler only, except over the JDK's TLS,
 * where the full JIT's AES-GCM intrinsics pay (docs/load.md, TLS); BoringSSL, where it runs, needs
 * none. These run the launcher's own {@code load_uses_tls} and {@code load_tls_on_jdk} functions,
 * taken from the script as they are, on the arguments users pass.
 */
class LauncherCompilerChoiceTest {

  /** Platforms as `uname -sm` names them, and netty-tcnative's BoringSSL library for each. */
  private static final Map<String, String> BORINGSSL_LIBRARIES =
      Map.of(
          "Linux x86_64", "libnetty_tcnative_linux_x86_64.so",
          "Linux aarch64", "libnetty_tcnative_linux_aarch_64.so",
          "Darwin x86_64", "libnetty_tcnative_osx_x86_64.jnilib",
          "Darwin arm64", "libnetty_tcnative_osx_aarch_64.jnilib");

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

  @Test
  void boringSslRunsTlsOnLinuxAndMacOsOnX86AndArm() throws Exception {
    for (String platform : BORINGSSL_LIBRARIES.keySet()) {
      assertThat(tlsOnJdk(platform)).as(platform).isFalse();
    }
    assertThat(tlsOnJdk("Linux x86_64", "-Xmx512m", "-Dminato.load.tls=openssl")).isFalse();
  }

  /**
   * The launcher gives a platform the quick compiler only over TLS because BoringSSL runs there:
   * the class path the build packages (minato-cli's runtime dependencies, copied to target/lib)
   * must hold that platform's native library, or its runs would get the JDK's TLS on C1 alone.
   */
  @Test
  void everyPlatformTheLauncherRunsOnBoringSslHasItsNativeLibraryPackaged() {
    BORINGSSL_LIBRARIES.forEach(
        (platform, library) ->
            assertThat(getClass().getClassLoader().getResource("META-INF/native/" + library))
                .as("%s for %s", library, platform)
                .isNotNull());
  }

  @Test
  void theJdkRunsTlsWhereBoringSslIsNotBundledOrWhenAskedFor() throws Exception {
    assertThat(tlsOnJdk("Linux riscv64")).isTrue();
    assertThat(tlsOnJdk("MINGW64_NT-10.0-19045 x86_64")).isTrue();
    assertThat(tlsOnJdk("Linux x86_64", "-Xmx512m", "-Dminato.load.tls=jdk")).isTrue();
    assertThat(tlsOnJdk("Darwin arm64", "-Dminato.load.tls=jdk")).isTrue();
  }

  private static boolean usesTls(String... args) throws Exception {
    return run("load_uses_tls", args);
  }

  private static boolean tlsOnJdk(String... args) throws Exception {
    return run("load_tls_on_jdk", args);
  }

  /** Runs one function of the launcher; true when it returned 0. */
  private static boolean run(String name, String... args) throws Exception {
    LauncherFunction.Result result = LauncherFunction.run(name, args);
    assertThat(result.output()).as("bash output").isEmpty();
    assertThat(result.exitCode()).as("exit code of %s", name).isIn(0, 1);
    return result.exitCode() == 0;
  }
}
