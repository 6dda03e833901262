package dev.minato.cluster.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Removes what the API server owns from an object, leaving what a person or a manifest wrote: the
 * form in which objects are compared, diffed and backed up.
 */
public final class ServerFields {

  private static final List<String> METADATA =
      List.of(
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "managedFields",
          "selfLink",
          "ownerReferences");

  /** Annotations written by tools and controllers, not by the object's author. */
  private static final List<String> ANNOTATIONS =
      List.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          "deployment.kubernetes.io/revision",
          "control-plane.alpha.kubernetes.io/leader");

  private ServerFields() {}

  /** A copy of {@code live} without status and server-owned metadata. */
  public static ObjectNode strip(JsonNode live) {
    ObjectNode copy = ((ObjectNode) live).deepCopy();
    copy.remove("status");
    if (copy.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove(METADATA);
      if (metadata.get("annotations") instanceof ObjectNode annotations) {
        annotations.remove(ANNOTATIONS);
        if (annotations.isEmpty()) {
          metadata.remove("annotations");
        }
      }
      if (metadata.path("labels").isEmpty()) {
        metadata.remove("labels");
      }
    }
    stripKindSpecific(copy);
    return copy;
  }

  /** Fields the server assigns per kind, which differ between clusters by construction. */
  private static void stripKindSpecific(ObjectNode object) {
    String kind = object.path("kind").asText();
    if (kind.equals("Service") && object.get("spec") instanceof ObjectNode spec) {
      // Cluster IPs are allocated by the target cluster; keep "None" (headless) which is intent.
      if (!"None".equals(spec.path("clusterIP").asText())) {
        spec.remove(List.of("clusterIP", "clusterIPs"));
      }
    }
    if (kind.equals("Job") && object.path("apiVersion").asText().startsWith("batch/")) {
      stripGeneratedJobSelector(object);
    }
    if (kind.equals("Namespace") && object.get("spec") instanceof ObjectNode spec) {
      spec.remove("finalizers");
      if (spec.isEmpty()) {
        object.remove("spec");
      }
    }
    if (kind.equals("PersistentVolumeClaim")) {
      boolean boundByController =
          "yes"
              .equals(
                  object
                      .path("metadata")
                      .path("annotations")
                      .path("pv.kubernetes.io/bound-by-controller")
                      .asText());
      if (boundByController && object.get("spec") instanceof ObjectNode spec) {
        // The binder chose this volume; on another cluster the claim must bind afresh.
        spec.remove("volumeName");
      }
      if (object.path("metadata").get("annotations") instanceof ObjectNode annotations) {
        annotations.remove(
            List.of(
                "pv.kubernetes.io/bind-completed",
                "pv.kubernetes.io/bound-by-controller",
                "volume.kubernetes.io/selected-node",
                "volume.beta.kubernetes.io/storage-provisioner",
                "volume.kubernetes.io/storage-provisioner"));
        if (annotations.isEmpty()) {
          ((ObjectNode) object.get("metadata")).remove("annotations");
        }
      }
    }
    if (kind.equals("PersistentVolume")
        && object.path("spec").get("claimRef") instanceof ObjectNode claimRef) {
      // The claim is recreated with a new uid; keep which claim, not which incarnation.
      claimRef.remove(List.of("uid", "resourceVersion"));
    }
  }

  /**
   * Unless its author chose a selector ({@code manualSelector: true}), the server gives a Job a
   * selector and pod labels naming the Job's uid. Sent back (a restore, a migration, a backup
   * re-applied), they name an old uid, and the API server refuses the Job: "`selector` not
   * auto-generated". The labels naming the Job by its own name are the server's too.
   */
  private static void stripGeneratedJobSelector(ObjectNode job) {
    if (!(job.get("spec") instanceof ObjectNode spec)
        || spec.path("manualSelector").asBoolean(false)) {
      return;
    }
    spec.remove("selector");
    if (spec.path("template").get("metadata") instanceof ObjectNode metadata
        && metadata.get("labels") instanceof ObjectNode labels) {
      labels.remove(List.of("controller-uid", "batch.kubernetes.io/controller-uid"));
      String name = job.path("metadata").path("name").asText();
      for (String label : List.of("job-name", "batch.kubernetes.io/job-name")) {
        if (labels.path(label).asText().equals(name)) {
          labels.remove(label);
        }
      }
      if (labels.isEmpty()) {
        metadata.remove("labels");
      }
    }
  }
}
