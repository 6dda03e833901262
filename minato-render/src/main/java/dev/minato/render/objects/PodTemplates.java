package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Resources;
import dev.minato.spec.Runtime;
import dev.minato.spec.Security;
import dev.minato.spec.ServiceAccount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a pod every workload of an app shares: the hardened security context, the
 * environment, resources, and the volumes (a writable /tmp, config files, extra writable paths).
 */
final class PodTemplates {

  static final String CPU_REQUEST_ENV = "MINATO_CPU_REQUEST";

  private PodTemplates() {}

  /** The pod-level settings; containers and volumes are added by the caller. */
  static ObjectNode podSpec(AppSpec spec) {
    ObjectNode pod = Trees.object();
    // Only an app that calls the Kubernetes API needs its token; an IAM role's web identity token
    // is projected by the cloud's webhook whatever this says.
    pod.put(
        "automountServiceAccountToken",
        spec.serviceAccount().map(ServiceAccount::automountToken).orElse(false));
    spec.serviceAccount().ifPresent(account -> pod.put("serviceAccountName", account.name()));
    ObjectNode security = pod.putObject("securityContext");
    security.put("runAsNonRoot", spec.security().runAsNonRoot());
    // An int node, as YAML reads it back: a long node would differ from the parsed output.
    spec.security().runAsUser().ifPresent(uid -> security.put("runAsUser", Math.toIntExact(uid)));
    security.putObject("seccompProfile").put("type", "RuntimeDefault");
    PodScheduling.place(pod, spec.scheduling());
    return pod;
  }

  static ObjectNode containerSecurity(Security security) {
    ObjectNode context = Trees.object();
    context.put("allowPrivilegeEscalation", security.allowPrivilegeEscalation());
    context.put("privileged", false);
    context.put("readOnlyRootFilesystem", security.readOnlyRootFilesystem());
    context.put("runAsNonRoot", security.runAsNonRoot());
    context.putObject("capabilities").set("drop", Trees.strings(List.of("ALL")));
    return context;
  }

  static ObjectNode resources(Resources resources) {
    ObjectNode node = Trees.object();
    ObjectNode requests = node.putObject("requests");
    requests.put("cpu", resources.cpu().text());
    requests.put("memory", resources.memory().text());
    ObjectNode limits = node.putObject("limits");
    resources.cpuLimit().ifPresent(cpu -> limits.put("cpu", cpu.text()));
    limits.put("memory", resources.memoryLimit().text());
    return node;
  }

  /**
   * The container's environment: what the platform derives from the CPU request first (so the app
   * can size itself), then the spec's plain values, then secrets by reference.
   */
  static ArrayNode env(
      App app, AppSpec spec, Resources resources, String container, boolean workers) {
    ArrayNode env = Trees.array();
    if (workers) {
      spec.workers()
          .ifPresent(
              w ->
                  env.addObject()
                      .put("name", w.env())
                      .put("value", Integer.toString(w.count(resources.cpu()))));
    }
    ObjectNode cpu = env.addObject().put("name", CPU_REQUEST_ENV);
    cpu.putObject("valueFrom")
        .putObject("resourceFieldRef")
        .put("containerName", container)
        .put("resource", "requests.cpu")
        .put("divisor", "1m");
    if (spec.runtime() == Runtime.GO && !spec.env().containsKey("GOMAXPROCS")) {
      // divisor 1 rounds the request up to whole cores, which is what GOMAXPROCS wants.
      ObjectNode procs = env.addObject().put("name", "GOMAXPROCS");
      procs
          .putObject("valueFrom")
          .putObject("resourceFieldRef")
          .put("containerName", container)
          .put("resource", "requests.cpu")
          .put("divisor", "1");
    }
    if (spec.runtime() == Runtime.JAVA && !spec.env().containsKey("JAVA_TOOL_OPTIONS")) {
      // Without a CPU limit the JVM sizes its pools from the node's cores, not the request.
      env.addObject()
          .put("name", "JAVA_TOOL_OPTIONS")
          .put(
              "value",
              "-XX:ActiveProcessorCount="
                  + resources.cpu().wholeCoresAtLeastOne()
                  + " -XX:MaxRAMPercentage=75.0");
    }
    spec.env().forEach((name, value) -> env.addObject().put("name", name).put("value", value));
    for (String key : spec.secretEnv()) {
      env.addObject()
          .put("name", key)
          .putObject("valueFrom")
          .putObject("secretKeyRef")
          .put("name", spec.secretName())
          .put("key", key);
    }
    return env;
  }

  /**
   * Adds the volumes and the container's mounts: /tmp, writable paths, config files, then the
   * spec's volumes (but for a StatefulSet's claim templates, which only its members have).
   */
  static void volumes(
      ObjectNode pod, ObjectNode container, AppSpec spec, Optional<ConfigFiles> config) {
    ArrayNode mounts = container.putArray("volumeMounts");
    ArrayNode volumes = pod.putArray("volumes");
    mounts.addObject().put("name", "tmp").put("mountPath", "/tmp");
    volumes.addObject().put("name", "tmp").putObject("emptyDir");
    int index = 0;
    for (String path : spec.security().writablePaths()) {
      String name = "writable-" + index++;
      mounts.addObject().put("name", name).put("mountPath", path);
      volumes.addObject().put("name", name).putObject("emptyDir");
    }
    if (config.isPresent()) {
      for (Map.Entry<String, String> file : config.get().keyByPath().entrySet()) {
        mounts
            .addObject()
            .put("name", "config")
            .put("mountPath", file.getKey())
            .put("subPath", file.getValue())
            .put("readOnly", true);
      }
      volumes
          .addObject()
          .put("name", "config")
          .putObject("configMap")
          .put("name", config.get().name());
    }
    SpecVolumes.add(volumes, mounts, spec);
  }

  /**
   * Annotations that explain a deliberately relaxed hardening default to the checker (and to
   * reviewers), using the checker's suppression annotation.
   */
  static Map<String, String> relaxations(Security security) {
    Map<String, String> annotations = new java.util.LinkedHashMap<>();
    String reason = security.reason().orElse("") + " (relaxed in minato.yaml)";
    for (String check : security.relaxedChecks()) {
      annotations.put(Security.SUPPRESSION_PREFIX + check, reason);
    }
    return annotations;
  }
}
