package dev.minato.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.config.CheckConfig;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratedOutputTest {

  @ParameterizedTest
  @EnumSource(Profile.class)
  void generatorShapedOutputHasNoFindingsInAnyProfile(Profile profile) throws Exception {
    CheckResult result =
        new Checker(Fixture.TODAY).check(generated(), CheckConfig.defaults().withProfile(profile));

    assertThat(result.findings()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void relaxedHardeningIsExplainedBySuppression() throws Exception {
    CheckResult result =
        new Checker(Fixture.TODAY)
            .check(generated(), CheckConfig.defaults().withProfile(Profile.STRICT));

    assertThat(result.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.finding().ruleId()).isEqualTo("read-only-root-fs");
              assertThat(s.suppression().reason()).endsWith("(relaxed in minato.yaml)");
            });
  }

  private static List<KubeObject> generated() throws ManifestException, URISyntaxException {
    Path dir = Path.of(GeneratedOutputTest.class.getResource("/generated").toURI());
    List<KubeObject> objects = new ArrayList<>();
    for (String file : List.of("shop.yaml", "legacy.yaml")) {
      YamlReader.read(dir.resolve(file)).stream()
          .map(KubeObject::of)
          .flatMap(Optional::stream)
          .forEach(objects::add);
    }
    return objects;
  }
}
