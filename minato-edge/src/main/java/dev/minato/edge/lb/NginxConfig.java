package dev.minato.edge.lb;

/**
 * A complete nginx configuration with one {@code upstream} per app. Open-source nginx has no active
 * health checks ({@code health_check} is an NGINX Plus feature), so members are taken out
 * passively: after {@code max_fails} failed requests they rest for {@code fail_timeout}, and failed
 * requests are retried on the next member.
 *
 * <p>gRPC and h2c apps get a listener that speaks HTTP/2 cleartext ({@code listen … http2}, the
 * spelling nginx 1.9.5 to 1.25 require and later versions still accept) and {@code grpc_pass} to
 * their members, the only way open-source nginx speaks HTTP/2 to an upstream. Cleartext HTTP/2 in
 * nginx is prior knowledge only and the option belongs to the whole port, so such apps are never
 * put on the shared host-routed port, where they would turn away every HTTP/1.1 client.
 */
final class NginxConfig {

  private NginxConfig() {}

  static String render(LoadBalancerPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append(Headers.comment("#", plan));
    out.append(
        "# Open-source nginx cannot check members actively (health_check is NGINX Plus only).\n");
    out.append("# A member is taken out for fail_timeout after max_fails failed requests, and a\n");
    out.append("# failed request is retried on the next member (proxy_next_upstream).\n");
    if (plan.backends().stream().anyMatch(b -> b.protocol().http2())) {
      out.append("# gRPC and h2c apps listen with http2: cleartext HTTP/2 in nginx is prior\n");
      out.append("# knowledge only and applies to the whole port, so they are reached on their\n");
      out.append("# own port only, never on the shared host-routed port (HTTP/1.1 clients).\n");
    }
    out.append('\n');
    out.append("worker_processes auto;\n\n");
    out.append("events {\n    worker_connections 4096;\n}\n\n");
    out.append("http {\n");
    for (Backend backend : plan.backends()) {
      long failTimeout = Math.max(1, backend.check().detection().toSeconds());
      out.append("    upstream ").append(backend.app()).append(" {\n");
      for (Member member : backend.members()) {
        out.append("        server ")
            .append(address(member))
            .append(':')
            .append(member.port())
            .append(" max_fails=")
            .append(backend.check().fall())
            .append(" fail_timeout=")
            .append(failTimeout)
            .append("s;\n");
      }
      out.append("        keepalive 32;\n");
      out.append("    }\n\n");
    }
    for (Backend backend : plan.backends()) {
      server(out, plan, backend, listen(plan.settings(), backend.nodePort()), null);
      backend
          .host()
          .filter(host -> !backend.protocol().http2())
          .ifPresent(
              host ->
                  server(
                      out,
                      plan,
                      backend,
                      listen(plan.settings(), plan.settings().httpPort()),
                      host));
    }
    out.append("}\n");
    return out.toString();
  }

  private static void server(
      StringBuilder out, LoadBalancerPlan plan, Backend backend, String listen, String host) {
    out.append("    server {\n");
    if (backend.protocol().http2()) {
      http2Server(out, backend, listen);
      return;
    }
    out.append("        listen ").append(listen).append(";\n");
    if (host != null) {
      out.append("        server_name ").append(host).append(";\n");
    }
    out.append("        location / {\n");
    out.append("            proxy_pass http://").append(backend.app()).append(";\n");
    out.append("            proxy_http_version 1.1;\n");
    out.append("            proxy_set_header Connection \"\";\n");
    out.append("            proxy_set_header Host $host;\n");
    out.append("            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
    out.append("            proxy_next_upstream error timeout http_502 http_503 http_504;\n");
    out.append("            proxy_connect_timeout 5s;\n");
    out.append("            proxy_read_timeout 60s;\n");
    out.append("        }\n");
    out.append("    }\n\n");
  }

  private static void http2Server(StringBuilder out, Backend backend, String listen) {
    out.append("        # ")
        .append(backend.protocol().spelling())
        .append(": HTTP/2 cleartext (prior knowledge) from clients and to members.");
    backend
        .host()
        .ifPresent(
            h -> out.append("\n        # Not routed by host: see the note on http2 at the top"));
    out.append('\n');
    out.append("        listen ").append(listen).append(" http2;\n");
    out.append("        location / {\n");
    out.append("            grpc_pass grpc://").append(backend.app()).append(";\n");
    out.append("            grpc_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
    out.append("            grpc_next_upstream error timeout http_502 http_503 http_504;\n");
    out.append("            grpc_connect_timeout 5s;\n");
    out.append("            grpc_read_timeout 60s;\n");
    out.append("        }\n");
    out.append("    }\n\n");
  }

  private static String listen(LoadBalancerPlan.Settings settings, int port) {
    return settings.bindAddress().equals("*")
        ? Integer.toString(port)
        : settings.bindAddress() + ":" + port;
  }

  private static String address(Member member) {
    return member.address().contains(":") ? "[" + member.address() + "]" : member.address();
  }
}
