package dev.minato.check.misplaced;

import dev.minato.render.objects.Labels;
import java.util.Map;

/** Breaks a rule on purpose: the checker must never use the renderer (see ModuleRulesTest). */
public final class ImportsRenderer {

  private ImportsRenderer() {}

  static Map<String, String> labels() {
    return Labels.workload(null, "web", null);
  }
}
