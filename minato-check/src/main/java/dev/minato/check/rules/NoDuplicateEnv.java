package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.JsonPointers;
import java.util.HashMap;
import java.util.Map;

/**
 * A container's {@code env} list names each variable once. The API server keeps both entries and
 * the later one wins, so an edit to the first has no effect; server-side apply (what {@code minato
 * apply}, Argo CD and Flux use) refuses the list outright, because {@code name} is its key.
 *
 * <p>{@code envFrom} is not compared: a variable from {@code env} overriding one from a ConfigMap
 * is the documented way to adjust one value, and the ConfigMap's keys are often not in the input.
 */
final class NoDuplicateEnv extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "no-duplicate-env", Severity.ERROR, "no container lists the same env variable twice");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (Container container : workload.allContainers()) {
      JsonNode env = container.path("env");
      Map<String, Integer> first = new HashMap<>();
      for (int i = 0; i < env.size(); i++) {
        String name = env.get(i).path("name").asText("");
        Integer earlier = first.putIfAbsent(name, i);
        if (earlier != null && !name.isEmpty()) {
          context.report(
              workload.object(),
              container.pointer(JsonPointers.child("/env", i) + "/name"),
              subject(workload, container)
                  + " sets env "
                  + name
                  + " twice (env["
                  + earlier
                  + "] and env["
                  + i
                  + "]); the later value silently wins, and server-side apply rejects the list."
                  + " Keep one");
        }
      }
    }
  }
}
