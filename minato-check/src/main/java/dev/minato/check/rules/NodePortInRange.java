package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.Rule;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.nodeport.NodePortRange;

/** Every NodePort lies in the clusters' configured range, or the API server rejects the Service. */
final class NodePortInRange implements Rule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "nodeport-range", Severity.ERROR, "NodePorts are integers inside the configured range");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean appliesTo(KubeObject object) {
    return object.kind().equals("Service") && object.group().isEmpty();
  }

  @Override
  public void check(KubeObject service, RuleContext context) {
    NodePortRange range = context.config().nodePortRange();
    JsonNode ports = service.at("/spec/ports");
    for (int i = 0; i < ports.size(); i++) {
      JsonNode nodePort = ports.get(i).path("nodePort");
      String pointer = JsonPointers.child(JsonPointers.child("/spec/ports", i), "nodePort");
      if (!nodePort.isMissingNode() && !nodePort.isNull() && !nodePort.isInt()) {
        context.report(
            service,
            pointer,
            service.key()
                + " sets nodePort "
                + (nodePort.isTextual() ? "\"" + nodePort.asText() + "\"" : nodePort.toString())
                + ", which is not an integer; the API server rejects it (write the number"
                + " unquoted, or substitute the variable before the manifest is applied)");
      } else if (nodePort.isInt() && !range.contains(nodePort.intValue())) {
        context.report(
            service,
            pointer,
            service.key()
                + " claims NodePort "
                + nodePort.intValue()
                + ", outside the clusters' range "
                + range
                + "; the API server rejects it");
      }
    }
  }
}
