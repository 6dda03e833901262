package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Values the load balancer's configuration carries are refused at the spec, with a position. */
class SpecReaderNetworkValuesTest {

  private static List<String> errors(String expose, String health) {
    String text =
        SpecReaderDefaultsTest.HEADER
            + "spec:\n  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n"
            + "  health: "
            + health
            + "\n  expose: "
            + expose
            + "\n";
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> SpecReader.read("minato.yaml", text));
    assertThat(e).as(text).isNotNull();
    return e.errors().stream().map(SpecError::toString).toList();
  }

  @Test
  void aNewlineInTheHostIsRefusedAtTheHost() {
    assertThat(
            errors(
                "{type: NodePort, nodePort: 30080, host: \"shop.example.com\\n  server x 1.2.3.4:80\"}",
                "{readiness: /ready}"))
        .singleElement()
        .asString()
        .startsWith("minato.yaml:")
        .contains("spec.expose.host: 'shop.example.com\\n  server x 1.2.3.4:80' is not a host name")
        .doesNotContain("\n");
  }

  @Test
  void aNewlineInTheCheckPathIsRefusedAtTheCheckPath() {
    assertThat(
            errors(
                "{type: NodePort, nodePort: 30080, checkPath: \"/ready\\n    server x 1.2.3.4:80\"}",
                "{readiness: /ready}"))
        .singleElement()
        .asString()
        .contains("spec.expose.checkPath: '/ready\\n    server x 1.2.3.4:80' is not a URL path")
        .contains("character U+000A at index 6");
  }

  @Test
  void aReadinessPathTheHealthCheckWouldCarryMustBeAUrlPath() {
    assertThat(errors("{type: NodePort, nodePort: 30080}", "{readiness: \"/ready#x\"}"))
        .singleElement()
        .asString()
        .contains("spec.health.readiness: '/ready#x' is not a URL path")
        .contains("character '#'");
  }

  @Test
  void anIngressMayNameEverySubdomainButANodePortHostMayNot() throws Exception {
    assertThat(errors("{type: NodePort, nodePort: 30080, host: \"*.example.com\"}", "{}"))
        .singleElement()
        .asString()
        .contains("spec.expose.host: '*.example.com' is not a host name");
    String ingress =
        SpecReaderDefaultsTest.HEADER
            + "spec:\n  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n"
            + "  expose: {type: Ingress, host: \"*.example.com\"}\n";
    assertThat(SpecReader.read("minato.yaml", ingress)).hasSize(1);
  }
}
