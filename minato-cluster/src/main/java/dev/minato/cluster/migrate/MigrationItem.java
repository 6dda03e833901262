package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.objects.GenericObjects;
import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.migration.MigrationPolicy;
import java.util.Optional;
import java.util.Set;

/**
 * One object to migrate, in the form to create on the target (read from the source, cleaned of
 * server fields, minato's stop undone), with its policy; supporting objects (config, services,
 * RBAC...) have none: they run nothing, so they are copied first.
 */
public record MigrationItem(Optional<MigrationPolicy> policy, ObjectNode object) {

  /** Kinds that run pods: each needs a policy. Custom resources need one too. */
  static final Set<String> WORKLOADS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod");

  public ObjectKey key() {
    return GenericObjects.keyOf(object);
  }

  /**
   * What the state file records of this object: {@code apiVersion kind namespace/name policy},
   * never its content.
   */
  public String reference() {
    return apiVersion()
        + " "
        + key().kind()
        + " "
        + (key().namespace().isEmpty() ? "" : key().namespace() + "/")
        + key().name()
        + " "
        + policy.map(MigrationPolicy::spelling).orElse("supporting");
  }

  public String apiVersion() {
    return object.path("apiVersion").asText();
  }

  public boolean is(MigrationPolicy wanted) {
    return policy.isPresent() && policy.get() == wanted;
  }

  /**
   * Whether the object may run something, so that moving it needs a policy (public so that a test
   * can hold every kind minato generates to it).
   */
  public static boolean needsPolicy(ObjectKey key) {
    return WORKLOADS.contains(key.kind()) || !isBuiltinGroup(key.group());
  }

  private static boolean isBuiltinGroup(String group) {
    return group.isEmpty()
        || group.equals("apps")
        || group.equals("batch")
        || group.equals("policy")
        || group.equals("autoscaling")
        || group.endsWith(".k8s.io");
  }
}
