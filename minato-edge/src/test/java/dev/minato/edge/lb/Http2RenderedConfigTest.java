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

/**
 * Configurations for gRPC and h2c members, checked by the real haproxy and nginx binaries, beside
 * an HTTP/1.1 app sharing the host-routed frontend. {@link GrpcMembersTest} runs them with traffic.
 */
class Http2RenderedConfigTest {

  private static LoadBalancerPlan plan() throws Exception {
    return PlanBuilder.withDefaults()
        .build(
            List.of(
                Fixtures.app("shop-api", 30080, ", host: shop.example.com"),
                Fixtures.http2App(
                    "greeter", 30090, "grpc", "{grpcService: greeter.v1.Greeter}", ""),
                Fixtures.http2App("stream", 30091, "h2c", "{readiness: /ready}", ""),
                Fixtures.http2App("routed", 30092, "grpc", "{}", ", host: routed.example.com"),
                Fixtures.http2App("sidecar", 30093, "grpc", "{port: 8081}", "")),
            "prd",
            Fixtures.nodes("10.0.1.11", "10.0.1.12"),
            Optional.empty(),
            Fixtures.settings("*", 8080, "127.0.0.1:8404"));
  }

  @Test
  void haproxySpeaksHttp2ToGrpcAndH2cMembersAndPassesHaproxyCheck(@TempDir Path dir)
      throws Exception {
    String config = LbFormat.HAPROXY.render(plan());

    ConfigValidation.Result check = ConfigValidation.haproxy(dir, config);

    assertThat(check.exitCode()).as(check.output() + "\n" + config).isZero();
    assertThat(section(config, "backend greeter"))
        .contains("server node-a 10.0.1.11:30090 check proto h2")
        .contains("option tcp-check")
        .contains("for service greeter.v1.Greeter")
        .contains("tcp-check expect min-recv 0 binary 0000000100000000020801")
        .doesNotContain("httpchk");
    assertThat(section(config, "backend stream"))
        .contains("http-check send meth GET uri /ready ver HTTP/2 hdr Host stream")
        .contains(" check-proto h2")
        .contains("server node-b 10.0.1.12:30091 check proto h2");
    assertThat(section(config, "backend sidecar"))
        .contains("TCP only")
        .doesNotContain("tcp-check send")
        .contains("check proto h2");
    assertThat(section(config, "frontend http-by-host"))
        .contains("use_backend routed if { hdr(host),field(1,:) -i routed.example.com }");
    assertThat(section(config, "backend shop-api"))
        .contains("server node-a 10.0.1.11:30080 check\n")
        .doesNotContain("h2");
  }

  @Test
  void theGrpcCheckCarriesTheServiceNameInItsRequest() throws Exception {
    String hex = GrpcHealthRequest.hex("greeter", Optional.of("greeter.v1.Greeter"));
    String service = java.util.HexFormat.of().formatHex("greeter.v1.Greeter".getBytes());

    // DATA frame on stream 1 ending it: 5-byte gRPC prefix, field 1 (0x0a), length 18 (0x12).
    assertThat(hex).endsWith("0000190001" + "00000001" + "0000000014" + "0a12" + service);
    assertThat(GrpcHealthRequest.hex("greeter", Optional.empty()))
        .endsWith("0000050001" + "00000001" + "0000000000");
  }

  @Test
  void nginxPassesGrpcOnHttp2ListenersAndPassesNginxTest(@TempDir Path dir) throws Exception {
    String config = LbFormat.NGINX.render(plan());

    ConfigValidation.Result test = ConfigValidation.nginx(dir, config);

    assertThat(test.exitCode()).as(test.output() + "\n" + config).isZero();
    assertThat(config)
        .contains("listen 30090 http2;")
        .contains("grpc_pass grpc://greeter;")
        .contains("listen 30091 http2;")
        .contains("grpc_pass grpc://stream;")
        .contains("server 10.0.1.11:30090 max_fails=3 fail_timeout=6s;")
        .contains("listen 30080;")
        .contains("server_name shop.example.com;")
        .doesNotContain("server_name routed.example.com;")
        .doesNotContain("listen 8080 http2;");
  }

  @Test
  void as3PassesHttp2ThroughAsTcpAndJsonNamesTheProtocol() throws Exception {
    JsonNode as3 = new ObjectMapper().readTree(LbFormat.F5_AS3.render(plan()));
    JsonNode json = new ObjectMapper().readTree(LbFormat.JSON.render(plan()));

    assertThat(as3.at("/declaration/minato_prd/greeter/greeter_vs/class").asText())
        .isEqualTo("Service_TCP");
    assertThat(as3.at("/declaration/minato_prd/greeter/greeter_monitor/monitorType").asText())
        .isEqualTo("tcp");
    assertThat(as3.at("/declaration/minato_prd/shop-api/shop-api_vs/class").asText())
        .isEqualTo("Service_HTTP");
    JsonNode greeter = json.at("/backends/1");
    assertThat(greeter.path("app").asText()).isEqualTo("greeter");
    assertThat(greeter.path("protocol").asText()).isEqualTo("grpc");
    assertThat(greeter.at("/check/type").asText()).isEqualTo("grpc");
    assertThat(greeter.at("/check/path").asText()).isEqualTo("/grpc.health.v1.Health/Check");
    assertThat(greeter.at("/check/grpcService").asText()).isEqualTo("greeter.v1.Greeter");
  }

  /** The lines of one section of an HAProxy configuration, up to the next blank line. */
  private static String section(String config, String header) {
    int start = config.indexOf("\n" + header + "\n");
    assertThat(start).as(header + " in\n" + config).isNotNegative();
    int end = config.indexOf("\n\n", start);
    return config.substring(start, end < 0 ? config.length() : end + 1);
  }
}
