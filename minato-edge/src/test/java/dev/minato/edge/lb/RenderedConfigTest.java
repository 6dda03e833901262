package dev.minato.edge.lb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.edge.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendered configurations are checked by the real haproxy and nginx binaries. */
class RenderedConfigTest {

  /** Three HTTP/1.1 apps: routed by host, Local traffic policy, a separate health port. */
  static LoadBalancerPlan plan() throws Exception {
    return PlanBuilder.withDefaults()
        .build(
            List.of(
                Fixtures.app("shop-api", 30080, ", host: shop.example.com"),
                Fixtures.app("legacy", 30081, ", externalTrafficPolicy: Local"),
                Fixtures.app("admin", 30082, "", "{readiness: /ready, port: 9000}")),
            "prd",
            Fixtures.nodes("10.0.1.11", "10.0.1.12", "10.0.1.13"),
            Optional.empty(),
            Fixtures.settings("*", 8080, "127.0.0.1:8404"));
  }

  @Test
  void theHaproxyConfigurationPassesHaproxyCheck(@TempDir Path dir) throws Exception {
    String config = LbFormat.HAPROXY.render(plan());

    ConfigValidation.Result check = ConfigValidation.haproxy(dir, config);

    assertThat(check.exitCode()).as(check.output() + "\n" + config).isZero();
    assertThat(config)
        .contains("server node-a 10.0.1.11:30080 check")
        .contains("http-check send meth GET uri /ready ver HTTP/1.1 hdr Host shop.example.com")
        .contains("use_backend shop-api if { hdr(host),field(1,:) -i shop.example.com }")
        .contains("externalTrafficPolicy Local")
        .contains("TCP only")
        .contains("stats uri /stats");
  }

  @Test
  void theNginxConfigurationPassesNginxTest(@TempDir Path dir) throws Exception {
    String config = LbFormat.NGINX.render(plan());

    ConfigValidation.Result test = ConfigValidation.nginx(dir, config);

    assertThat(test.exitCode()).as(test.output() + "\n" + config).isZero();
    assertThat(config)
        .contains("upstream shop-api {")
        .contains("server 10.0.1.11:30080 max_fails=3 fail_timeout=6s;")
        .contains("health_check is NGINX Plus only")
        .contains("server_name shop.example.com;");
  }

  @Test
  void theAs3DeclarationHasATenantPoolsMembersAndMonitors() throws Exception {
    JsonNode as3 = new ObjectMapper().readTree(LbFormat.F5_AS3.render(plan()));

    JsonNode app = as3.at("/declaration/minato_prd/shop-api");
    assertThat(as3.path("class").asText()).isEqualTo("AS3");
    assertThat(as3.at("/declaration/minato_prd/class").asText()).isEqualTo("Tenant");
    assertThat(app.at("/shop-api_vs/virtualAddresses/0").asText()).isEqualTo("192.0.2.10");
    assertThat(app.at("/shop-api_pool/members/0/servicePort").asInt()).isEqualTo(30080);
    assertThat(app.at("/shop-api_pool/members/0/serverAddresses")).hasSize(3);
    assertThat(app.at("/shop-api_monitor/send").asText())
        .startsWith("GET /ready HTTP/1.1\r\nHost: shop.example.com");
    assertThat(as3.at("/declaration/minato_prd/admin/admin_monitor/monitorType").asText())
        .isEqualTo("tcp");
  }

  @Test
  void theNeutralJsonListsAppsChecksAndMembers() throws Exception {
    JsonNode json = new ObjectMapper().readTree(LbFormat.JSON.render(plan()));

    assertThat(json.path("environment").asText()).isEqualTo("prd");
    assertThat(json.at("/backends/0/app").asText()).isEqualTo("shop-api");
    assertThat(json.at("/backends/0/check/path").asText()).isEqualTo("/ready");
    assertThat(json.at("/backends/0/members/2/zone").asText()).isEqualTo("zone-0");
    assertThat(json.at("/backends/1/externalTrafficPolicy").asText()).isEqualTo("Local");
  }

  @Test
  void renderingIsDeterministic() throws Exception {
    for (LbFormat format : LbFormat.values()) {
      assertThat(format.render(plan())).as(format.spelling()).isEqualTo(format.render(plan()));
    }
  }
}
