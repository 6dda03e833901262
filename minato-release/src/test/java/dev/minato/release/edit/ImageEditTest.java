package dev.minato.release.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.YamlReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageEditTest {

  private static String edit(String text, String env, String image) throws Exception {
    return ImageEdit.apply(
        text,
        YamlReader.read("minato.yaml", text).get(0).positions(),
        Optional.ofNullable(env),
        image);
  }

  @Test
  void replacesTheBaseImageKeepingItsComment() throws Exception {
    String text = "spec:\n  image: r.io/a/b:1.0   # pinned\n  port: 80\n";
    assertThat(edit(text, null, "r.io/a/b:1.1"))
        .isEqualTo("spec:\n  image: r.io/a/b:1.1   # pinned\n  port: 80\n");
  }

  @Test
  void keepsDoubleAndSingleQuotes() throws Exception {
    assertThat(edit("spec:\n  image: \"r.io/a:1\"\n", null, "r.io/a:2"))
        .isEqualTo("spec:\n  image: \"r.io/a:2\"\n");
    assertThat(edit("spec:\n  image: 'r.io/a:1' # q\n", null, "r.io/a:2"))
        .isEqualTo("spec:\n  image: 'r.io/a:2' # q\n");
  }

  @Test
  void replacesAnImageInsideAFlowMapping() throws Exception {
    String text = "spec: {image: r.io/a:1, port: 80}\nenvironments:\n  prd: {image: r.io/a:1}\n";
    assertThat(edit(text, "prd", "r.io/a:2"))
        .isEqualTo("spec: {image: r.io/a:1, port: 80}\nenvironments:\n  prd: {image: r.io/a:2}\n");
  }

  @Test
  void addsImageAsTheFirstKeyOfABlockEnvironment() throws Exception {
    String text =
        "spec:\n  image: r.io/a:1\nenvironments:\n  dev:\n    replicas: {min: 1}\n"
            + "  prd:\n    # production\n    namespace: shop\n";
    assertThat(edit(text, "prd", "r.io/a:2"))
        .isEqualTo(
            "spec:\n  image: r.io/a:1\nenvironments:\n  dev:\n    replicas: {min: 1}\n"
                + "  prd:\n    # production\n    image: r.io/a:2\n    namespace: shop\n");
  }

  @Test
  void addsImageToFlowAndEmptyEnvironments() throws Exception {
    String base = "spec:\n  image: r.io/a:1\nenvironments:\n";
    assertThat(edit(base + "  dev: {replicas: {min: 1}}\n", "dev", "r.io/a:2"))
        .isEqualTo(base + "  dev: {image: r.io/a:2, replicas: {min: 1}}\n");
    assertThat(edit(base + "  dev: {}\n", "dev", "r.io/a:2"))
        .isEqualTo(base + "  dev: {image: r.io/a:2}\n");
    assertThat(edit(base + "  dev:\n  prd: {}\n", "dev", "r.io/a:2"))
        .isEqualTo(base + "  dev:\n    image: r.io/a:2\n  prd: {}\n");
  }

  @Test
  void replacesTheTagOfAnEnvironmentThatSetsImageTag() throws Exception {
    String text = "spec:\n  image: r.io/a:1\nenvironments:\n  stg:\n    imageTag: 2-rc # next\n";
    assertThat(edit(text, "stg", "r.io/a:2"))
        .isEqualTo("spec:\n  image: r.io/a:1\nenvironments:\n  stg:\n    imageTag: 2 # next\n");
  }

  @Test
  void refusesAnotherRepositoryWhereOnlyTheTagIsSet() {
    String text = "spec:\n  image: r.io/a:1\nenvironments:\n  stg:\n    imageTag: 2-rc\n";
    assertThatThrownBy(() -> edit(text, "stg", "r.io/other:2"))
        .hasMessageContaining("minato.yaml:5:15: environments.stg.imageTag sets only the tag");
  }
}
