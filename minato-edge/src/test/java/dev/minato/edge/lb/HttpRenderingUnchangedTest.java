package dev.minato.edge.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 apps render byte for byte as before gRPC members existed: the expected files were
 * rendered by the previous renderers, so a change for HTTP/2 cannot leak into HTTP/1.1 backends.
 * Set {@code -Dminato.golden.update=true} to rewrite them after a deliberate change.
 */
class HttpRenderingUnchangedTest {

  private static LoadBalancerPlan plan() throws Exception {
    return RenderedConfigTest.plan();
  }

  @Test
  void haproxyConfigurationOfHttpAppsIsUnchanged() throws Exception {
    assertGolden("lb/http-apps.haproxy.cfg", LbFormat.HAPROXY.render(plan()));
  }

  @Test
  void nginxConfigurationOfHttpAppsIsUnchanged() throws Exception {
    assertGolden("lb/http-apps.nginx.conf", LbFormat.NGINX.render(plan()));
  }

  @Test
  void neutralJsonOfHttpAppsIsUnchanged() throws Exception {
    assertGolden("lb/http-apps.json", LbFormat.JSON.render(plan()));
  }

  @Test
  void as3DeclarationOfHttpAppsIsUnchanged() throws Exception {
    assertGolden("lb/http-apps.as3.json", LbFormat.F5_AS3.render(plan()));
  }

  private static void assertGolden(String resource, String rendered) throws IOException {
    if (Boolean.getBoolean("minato.golden.update")) {
      Path file = Path.of("src/test/resources").resolve(resource);
      Files.createDirectories(file.getParent());
      Files.writeString(file, rendered);
      return;
    }
    try (InputStream in = HttpRenderingUnchangedTest.class.getResourceAsStream("/" + resource)) {
      assertThat(in).as(resource).isNotNull();
      assertThat(rendered).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
