package dev.minato.manifest;

import java.util.Comparator;

/**
 * What identifies a Kubernetes object: API group, kind, namespace (empty when cluster-scoped or not
 * set) and name. The version is deliberately left out: {@code apps/v1} and {@code apps/v1beta2}
 * describe the same object.
 */
public record ObjectKey(String group, String kind, String namespace, String name)
    implements Comparable<ObjectKey> {

  private static final Comparator<ObjectKey> ORDER =
      Comparator.comparing(ObjectKey::group)
          .thenComparing(ObjectKey::kind)
          .thenComparing(ObjectKey::namespace)
          .thenComparing(ObjectKey::name);

  @Override
  public int compareTo(ObjectKey other) {
    return ORDER.compare(this, other);
  }

  /** {@code Kind/name}, or {@code Kind/namespace/name}, for messages. */
  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
