package dev.minato.spec;

import dev.minato.manifest.quantity.Quantity;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A volume of the app's pods ({@code spec.volumes.<name>}) and where the app container mounts it.
 * The name is what a pod's {@code volumes} and each container's {@code volumeMounts} share, so
 * another container of the pod can mount the same volume by name.
 */
public record Volume(
    String name, Source source, String mountPath, Optional<String> subPath, boolean readOnly) {

  /** Where a volume's content comes from. */
  public sealed interface Source
      permits EmptyDir, ConfigMapFiles, SecretFiles, Claim, ClaimTemplate {}

  /** Scratch space that lives as long as the pod, on the node's disk or in memory. */
  public record EmptyDir(Optional<Quantity> sizeLimit, boolean memory) implements Source {}

  /** A key of a ConfigMap or Secret projected to a file {@code path} under the mount. */
  public record Item(String key, String path) {}

  /** The files of an existing ConfigMap. */
  public record ConfigMapFiles(String name, List<Item> items, OptionalInt defaultMode)
      implements Source {}

  /** The files of an existing Secret. */
  public record SecretFiles(String name, List<Item> items, OptionalInt defaultMode)
      implements Source {}

  /** An existing PersistentVolumeClaim, named per environment if each has its own. */
  public record Claim(String claimName) implements Source {}

  /**
   * A claim per pod of a {@code type: stateful} app (a StatefulSet's volumeClaimTemplate): each
   * member keeps its own volume across restarts and rescheduling.
   */
  public record ClaimTemplate(
      Quantity size, Optional<String> storageClassName, List<String> accessModes)
      implements Source {}

  /** True when the volume keeps data on the cluster's disks beyond the pod's life. */
  public boolean persistent() {
    return source instanceof Claim || source instanceof ClaimTemplate;
  }
}
