package dev.minato.edge.lb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The plan as plain JSON, for devices and scripts minato does not render for. */
final class NeutralJson {

  private NeutralJson() {}

  /** tcp, http (HTTP/1.1 or, for h2c, HTTP/2 GET) or grpc (grpc.health.v1.Health/Check). */
  private static String checkType(Backend backend) {
    if (backend.check().path().isEmpty()) {
      return "tcp";
    }
    return backend.protocol() == dev.minato.spec.Protocol.GRPC ? "grpc" : "http";
  }

  static String render(LoadBalancerPlan plan) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("environment", plan.environment());
    var backends = root.putArray("backends");
    for (Backend backend : plan.backends()) {
      ObjectNode b = backends.addObject();
      b.put("app", backend.app());
      b.put("port", backend.nodePort());
      b.put("externalTrafficPolicy", backend.trafficPolicy().spelling());
      backend.host().ifPresent(h -> b.put("host", h));
      if (backend.protocol().http2()) {
        // Members speak HTTP/2 cleartext only (prior knowledge); absent means HTTP/1.1.
        b.put("protocol", backend.protocol().spelling());
      }
      ObjectNode check = b.putObject("check");
      check.put("type", checkType(backend));
      backend.check().path().ifPresent(p -> check.put("path", p));
      backend.check().grpcService().ifPresent(s -> check.put("grpcService", s));
      check.put("port", backend.nodePort());
      check.put("intervalMillis", backend.check().interval().toMillis());
      check.put("rise", backend.check().rise());
      check.put("fall", backend.check().fall());
      var members = b.putArray("members");
      for (Member member : backend.members()) {
        ObjectNode m = members.addObject();
        m.put("name", member.name()).put("address", member.address()).put("port", member.port());
        member.zone().ifPresent(z -> m.put("zone", z));
      }
    }
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
          + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
