package dev.minato.render.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.render.Examples;
import dev.minato.spec.App;
import dev.minato.spec.PlatformMonitoring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the generated output of the bundled examples, byte for byte. After an intended change,
 * regenerate with {@code mvn -pl minato-render test -Dminato.golden.update=true} and review the
 * diff like any other change.
 */
class GoldenFilesTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  @ParameterizedTest
  @EnumSource(Layout.class)
  void theExamplesRenderExactlyAsPinned(Layout layout) throws Exception {
    assertPinned(layout, Examples.load(), Examples.monitoring(), GOLDEN);
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void theFieldFixturesRenderExactlyAsPinned(Layout layout) throws Exception {
    assertPinned(
        layout, Examples.fieldFixtures(), PlatformMonitoring.defaults(), GOLDEN.resolve("fields"));
  }

  private static void assertPinned(
      Layout layout, List<App> apps, PlatformMonitoring monitoring, Path golden) throws Exception {
    Map<String, String> generated = layout.write(apps, monitoring).files();
    Path dir = golden.resolve(layout.name().toLowerCase(java.util.Locale.ROOT));
    if (Boolean.getBoolean("minato.golden.update")) {
      OutputDirectory.replace(dir, layout.write(apps, monitoring));
    }

    Map<String, String> pinned = read(dir);
    assertThat(generated.keySet()).isEqualTo(pinned.keySet());
    generated.forEach((path, content) -> assertThat(content).as(path).isEqualTo(pinned.get(path)));
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void renderingTwiceGivesTheSameBytes(Layout layout) throws Exception {
    assertThat(layout.write(Examples.load()).files())
        .isEqualTo(layout.write(Examples.load()).files());
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String relative = dir.relativize(path).toString().replace('\\', '/');
        if (!relative.equals(OutputDirectory.MARKER)) {
          files.put(relative, Files.readString(path, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }
}
