package dev.minato.edge.lb;

import dev.minato.spec.Expose;
import dev.minato.spec.Protocol;
import java.util.List;

/**
 * A complete HAProxy configuration: one frontend per app on its NodePort number, a shared HTTP
 * frontend for apps routed by host, one backend per app with every member checked, and a statistics
 * page. Frontends need nothing for gRPC clients: HAProxy recognises the HTTP/2 preface on a
 * cleartext bind and serves HTTP/1.1 and HTTP/2 (prior knowledge) on the same port. Backends of
 * gRPC and h2c apps speak HTTP/2 to their members ({@code proto h2}).
 */
final class HaproxyConfig {

  private HaproxyConfig() {}

  static String render(LoadBalancerPlan plan) {
    StringBuilder out = new StringBuilder();
    LoadBalancerPlan.Settings settings = plan.settings();
    out.append(Headers.comment("#", plan)).append('\n');
    out.append("global\n");
    out.append("    log stdout format raw local0 info\n");
    out.append(
        "    # No maxconn: HAProxy derives it from the host's file-descriptor limit, so the\n");
    out.append(
        "    # same file starts on any host (a fixed value above the limit refuses to start).\n\n");
    out.append("defaults\n");
    out.append("    mode http\n");
    out.append("    log global\n");
    out.append("    option httplog\n");
    out.append("    option dontlognull\n");
    out.append("    option forwardfor\n");
    out.append("    # A request whose member fails is retried on another member.\n");
    out.append("    option redispatch\n");
    out.append("    retries 2\n");
    out.append("    timeout connect 5s\n");
    out.append("    timeout client 60s\n");
    out.append("    timeout server 60s\n");
    out.append("    timeout http-request 10s\n");
    out.append("    timeout http-keep-alive 10s\n");
    out.append("    timeout check 2s\n\n");
    out.append("frontend stats\n");
    out.append("    bind ").append(settings.statsBind()).append('\n');
    out.append("    stats enable\n");
    out.append("    stats uri /stats\n");
    out.append("    stats refresh 10s\n");
    List<Backend> routed = plan.backends().stream().filter(b -> b.host().isPresent()).toList();
    if (!routed.isEmpty()) {
      out.append("\nfrontend http-by-host\n");
      out.append("    bind ").append(bind(settings, settings.httpPort())).append('\n');
      for (Backend backend : routed) {
        String host = backend.host().orElseThrow();
        out.append("    use_backend ")
            .append(backend.app())
            .append(" if { hdr(host),field(1,:) -i ")
            .append(host)
            .append(" }\n");
      }
    }
    for (Backend backend : plan.backends()) {
      out.append("\nfrontend ").append(backend.app()).append('\n');
      out.append("    bind ").append(bind(settings, backend.nodePort())).append('\n');
      out.append("    default_backend ").append(backend.app()).append('\n');
    }
    for (Backend backend : plan.backends()) {
      out.append('\n').append(backendSection(backend));
    }
    return out.toString();
  }

  private static String backendSection(Backend backend) {
    StringBuilder out = new StringBuilder();
    HealthCheck check = backend.check();
    // An HTTP check of an HTTP/2-only member must speak HTTP/2 too; the gRPC check writes its own.
    boolean http2Check = check.path().isPresent() && backend.protocol() == Protocol.H2C;
    out.append("backend ").append(backend.app()).append('\n');
    out.append("    balance roundrobin\n");
    if (backend.trafficPolicy() == Expose.TrafficPolicy.LOCAL) {
      out.append(
          "    # externalTrafficPolicy Local: a node without a ready pod of this app drops\n");
      out.append("    # NodePort traffic, so the check through the NodePort takes it out.\n");
    }
    if (check.path().isPresent() && backend.protocol() == Protocol.GRPC) {
      grpcCheck(out, backend);
    } else if (check.path().isPresent()) {
      out.append("    option httpchk\n");
      out.append("    http-check send meth GET uri ")
          .append(check.path().get())
          .append(backend.protocol().http2() ? " ver HTTP/2 hdr Host " : " ver HTTP/1.1 hdr Host ")
          .append(backend.checkAuthority())
          .append('\n');
      out.append("    http-check expect status 200-399\n");
    } else {
      out.append("    # The readiness path is served on a separate port the NodePort does not\n");
      out.append("    # reach; set expose.checkPath for an HTTP check. Until then: TCP only.\n");
    }
    out.append("    default-server inter ")
        .append(check.interval().toMillis())
        .append("ms rise ")
        .append(check.rise())
        .append(" fall ")
        .append(check.fall())
        .append(http2Check ? " check-proto h2" : "")
        .append('\n');
    for (Member member : backend.members()) {
      out.append("    server ")
          .append(member.name())
          .append(' ')
          .append(address(member))
          .append(':')
          .append(member.port())
          .append(backend.protocol().http2() ? " check proto h2\n" : " check\n");
    }
    return out.toString();
  }

  /**
   * The gRPC health check as raw HTTP/2 ({@link GrpcHealthRequest}): {@code http-check} cannot send
   * a gRPC message, and the HTTP status of a gRPC reply says nothing about health.
   */
  private static void grpcCheck(StringBuilder out, Backend backend) {
    String service = backend.check().grpcService().orElse("");
    out.append("    # gRPC health check: grpc.health.v1.Health/Check")
        .append(service.isEmpty() ? " for the whole server" : " for service " + service)
        .append(", written as\n");
    out.append("    # HTTP/2 frames (http-check cannot send the NUL bytes of a gRPC message);\n");
    out.append(
        "    # healthy when the reply on stream 1 is HealthCheckResponse{status: SERVING}.\n");
    out.append("    option tcp-check\n");
    out.append("    tcp-check connect\n");
    out.append("    tcp-check send-binary ")
        .append(GrpcHealthRequest.hex(backend.checkAuthority(), backend.check().grpcService()))
        .append('\n');
    // Wait until stream 1 is answered, then judge the answer as it is (min-recv 0): a bare
    // "expect SERVING" would wait for more data after any other answer and fail only at
    // "timeout check", so a NOT_SERVING member would stay in for fall × timeout.
    out.append("    tcp-check expect rbinary ")
        .append(GrpcHealthRequest.ANSWERED_HEX_REGEX)
        .append('\n');
    out.append("    tcp-check expect min-recv 0 binary ")
        .append(GrpcHealthRequest.SERVING_REPLY_HEX)
        .append('\n');
  }

  private static String bind(LoadBalancerPlan.Settings settings, int port) {
    return (settings.bindAddress().equals("*") ? "" : settings.bindAddress()) + ":" + port;
  }

  private static String address(Member member) {
    return member.address().contains(":") ? "[" + member.address() + "]" : member.address();
  }
}
