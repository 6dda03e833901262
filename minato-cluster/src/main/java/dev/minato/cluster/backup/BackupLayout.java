package dev.minato.cluster.backup;

import dev.minato.manifest.ObjectKey;

/**
 * Where an object lives in a backup: {@code <namespace or _cluster>/<Kind[.group]>/<name>.yaml},
 * with {@code .yaml.enc} for encrypted Secrets. Paths use {@code /} on every platform.
 */
public final class BackupLayout {

  /** The directory of cluster-scoped objects; no namespace can be named so (underscore). */
  public static final String CLUSTER = "_cluster";

  public static final String INDEX = "index.yaml";

  private BackupLayout() {}

  public static String pathOf(ObjectKey key, boolean encrypted) {
    String scope = key.namespace().isEmpty() ? CLUSTER : key.namespace();
    String kind = key.group().isEmpty() ? key.kind() : key.kind() + "." + key.group();
    return scope + "/" + kind + "/" + key.name() + (encrypted ? ".yaml.enc" : ".yaml");
  }
}
