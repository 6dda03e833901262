package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import java.util.function.BiFunction;

/**
 * Security basics of every container, the ones peers (kube-linter, kube-score, Polaris) check too.
 * Each rule reads the container's effective securityContext and returns a complaint or null.
 */
final class ContainerSecurity extends WorkloadRule {

  static final ContainerSecurity NO_PRIVILEGED =
      new ContainerSecurity(
          RuleInfo.everywhere("no-privileged", Severity.ERROR, "no container runs privileged"),
          "/securityContext/privileged",
          (pod, container) ->
              container.path("securityContext").path("privileged").asBoolean(false)
                  ? "runs privileged, with every capability and the host's devices"
                  : null);

  static final ContainerSecurity NO_PRIVILEGE_ESCALATION =
      new ContainerSecurity(
          RuleInfo.everywhere(
              "no-privilege-escalation",
              Severity.WARNING,
              "containers set allowPrivilegeEscalation: false"),
          "/securityContext/allowPrivilegeEscalation",
          (pod, container) ->
              container.path("securityContext").path("allowPrivilegeEscalation").isBoolean()
                      && !container
                          .path("securityContext")
                          .path("allowPrivilegeEscalation")
                          .asBoolean()
                  ? null
                  : "does not set allowPrivilegeEscalation: false, so setuid binaries can gain"
                      + " root");

  static final ContainerSecurity READ_ONLY_ROOT_FS =
      new ContainerSecurity(
          RuleInfo.strict(
              "read-only-root-fs", Severity.WARNING, "containers set readOnlyRootFilesystem: true"),
          "/securityContext/readOnlyRootFilesystem",
          (pod, container) ->
              container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)
                  ? null
                  : "has a writable root filesystem; set readOnlyRootFilesystem: true and mount an"
                      + " emptyDir where it writes");

  static final ContainerSecurity DROP_CAPABILITIES =
      new ContainerSecurity(
          RuleInfo.strict(
              "drop-capabilities", Severity.WARNING, "containers drop ALL capabilities"),
          "/securityContext/capabilities",
          (pod, container) -> {
            for (JsonNode dropped :
                container.path("securityContext").path("capabilities").path("drop")) {
              if (dropped.asText("").equalsIgnoreCase("ALL")) {
                return null;
              }
            }
            return "keeps the default Linux capabilities; set capabilities.drop: [ALL] and add back"
                + " only what it needs";
          });

  static final ContainerSecurity RUN_AS_NON_ROOT =
      new ContainerSecurity(
          RuleInfo.everywhere("run-as-non-root", Severity.WARNING, "containers cannot run as root"),
          "/securityContext",
          ContainerSecurity::rootProblem);

  private final RuleInfo info;
  private final String field;
  private final BiFunction<JsonNode, JsonNode, String> problem;

  private ContainerSecurity(
      RuleInfo info, String field, BiFunction<JsonNode, JsonNode, String> problem) {
    this.info = info;
    this.field = field;
    this.problem = problem;
  }

  @Override
  public RuleInfo info() {
    return info;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    JsonNode pod = workload.podSpec();
    for (Container container : workload.allContainers()) {
      String complaint = problem.apply(pod, container.node());
      if (complaint != null) {
        String pointer =
            container.node().at(field).isMissingNode()
                ? container.pointer("")
                : container.pointer(field);
        context.report(workload.object(), pointer, subject(workload, container) + " " + complaint);
      }
    }
  }

  /**
   * Root is ruled out when the effective {@code runAsNonRoot} is true or the effective {@code
   * runAsUser} is not 0; container settings override the pod's.
   */
  private static String rootProblem(JsonNode pod, JsonNode container) {
    JsonNode own = container.path("securityContext");
    JsonNode shared = pod.path("securityContext");
    JsonNode nonRoot =
        own.has("runAsNonRoot") ? own.path("runAsNonRoot") : shared.path("runAsNonRoot");
    JsonNode user = own.has("runAsUser") ? own.path("runAsUser") : shared.path("runAsUser");
    if (user.isIntegralNumber() && user.longValue() == 0) {
      return "runs as root (runAsUser: 0)";
    }
    if (nonRoot.asBoolean(false)) {
      return null;
    }
    if (user.isIntegralNumber() && user.longValue() > 0 && !nonRoot.isBoolean()) {
      return null;
    }
    return "may run as root: set securityContext.runAsNonRoot: true (or a non-zero runAsUser)";
  }
}
