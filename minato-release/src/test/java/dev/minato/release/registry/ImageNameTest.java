package dev.minato.release.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.release.ReleaseException;
import org.junit.jupiter.api.Test;

class ImageNameTest {

  @Test
  void officialDockerHubImagesLiveUnderLibrary() throws Exception {
    ImageName name = ImageName.parse("nginx:1.27");
    assertThat(name.registry()).isEqualTo("docker.io");
    assertThat(name.repository()).isEqualTo("library/nginx");
    assertThat(name.apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(name.reference()).isEqualTo("nginx:1.27");
  }

  @Test
  void userDockerHubImagesKeepTheirPath() throws Exception {
    ImageName name = ImageName.parse("bitnami/redis:7.2");
    assertThat(name.registry()).isEqualTo("docker.io");
    assertThat(name.repository()).isEqualTo("bitnami/redis");
  }

  @Test
  void aFirstPartWithADotOrPortIsTheRegistry() throws Exception {
    ImageName name = ImageName.parse("127.0.0.1:5000/team/app:2.0@sha256:" + "a".repeat(64));
    assertThat(name.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(name.repository()).isEqualTo("team/app");
    assertThat(name.tag()).contains("2.0");
    assertThat(name.manifestReference()).isEqualTo("sha256:" + "a".repeat(64));
  }

  @Test
  void refusesAnImageWithoutTagOrDigest() {
    assertThatThrownBy(() -> ImageName.parse("registry.example.com/shop/api"))
        .isInstanceOfSatisfying(
            ReleaseException.class,
            e -> assertThat(e.kind()).isEqualTo(ReleaseException.Kind.INVALID))
        .hasMessageContaining("neither a tag nor a digest")
        .hasMessageContaining("registry.example.com/shop/api:1.4.2");
  }

  @Test
  void refusesLatestAndMalformedDigests() {
    assertThatThrownBy(() -> ImageName.parse("shop/api:latest")).hasMessageContaining("latest");
    assertThatThrownBy(() -> ImageName.parse("shop/api@sha256:abc"))
        .hasMessageContaining("64 lower-case hex digits");
  }
}
