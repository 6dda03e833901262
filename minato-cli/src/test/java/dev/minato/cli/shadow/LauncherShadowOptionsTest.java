package dev.minato.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.LauncherFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The `./minato` launcher's JVM options for `minato shadow` (docs/shadow-performance.md): the
 * serial collector unless the user names one, and neither Netty's leak detector nor its Recycler.
 * These run the launcher's own {@code shadow_java_opts} function, taken from the script as it is.
 */
class LauncherShadowOptionsTest {

  @Test
  void runsTheSerialCollectorWithoutLeakDetectorOrRecycler() throws Exception {
    assertThat(options(""))
        .containsExactly(
            "-XX:+UseSerialGC",
            "-Dio.netty.leakDetection.level=disabled",
            "-Dio.netty.recycler.maxCapacityPerThread=0");
  }

  @Test
  void aCollectorTheUserNamesWins() throws Exception {
    assertThat(options("-Xmx512m -XX:+UseShenandoahGC"))
        .doesNotContain("-XX:+UseSerialGC")
        .contains("-Dio.netty.recycler.maxCapacityPerThread=0");
  }

  @Test
  void otherUserOptionsKeepTheSerialCollector() throws Exception {
    assertThat(options("-Xmx256m -Xlog:gc")).contains("-XX:+UseSerialGC");
  }

  private static List<String> options(String userOptions) throws Exception {
    LauncherFunction.Result result = LauncherFunction.run("shadow_java_opts", userOptions);
    assertThat(result.exitCode()).as("exit code of shadow_java_opts").isZero();
    return result.output().lines().toList();
  }
}
