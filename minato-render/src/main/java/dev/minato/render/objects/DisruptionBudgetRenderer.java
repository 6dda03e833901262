package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import java.util.Map;

/**
 * The PodDisruptionBudget of an app that runs two or more pods, so node drains and cluster upgrades
 * take them down one at a time. With one pod a PDB could only block drains.
 */
final class DisruptionBudgetRenderer {

  private DisruptionBudgetRenderer() {}

  static boolean applies(AppSpec spec) {
    return spec.replicas().min() >= 2;
  }

  static ObjectNode render(App app, AppSpec spec, String component) {
    ObjectNode pdb =
        Trees.header(
            "policy/v1", "PodDisruptionBudget", app.name(), Labels.of(app, component), Map.of());
    ObjectNode body = pdb.putObject("spec");
    String maxUnavailable = spec.maxUnavailable();
    if (maxUnavailable.endsWith("%")) {
      body.put("maxUnavailable", maxUnavailable);
    } else {
      body.put("maxUnavailable", Integer.parseInt(maxUnavailable));
    }
    body.putObject("selector").set("matchLabels", Trees.map(Labels.selector(app, component)));
    return pdb;
  }
}
