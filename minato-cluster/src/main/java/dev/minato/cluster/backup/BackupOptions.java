package dev.minato.cluster.backup;

import java.util.List;
import java.util.Optional;

/**
 * What to back up.
 *
 * @param namespaces only these namespaces (and their Namespace objects); empty for all
 * @param labelSelector a label selector every object must match, or empty
 * @param secrets the cipher for Secrets; empty leaves Secrets out
 * @param pageSize objects per list request ({@code limit})
 * @param replace whether an existing backup may be replaced by one that lacks some of its objects
 */
public record BackupOptions(
    List<String> namespaces,
    Optional<String> labelSelector,
    Optional<SecretCipher> secrets,
    int pageSize,
    boolean replace) {

  /** Everything the cluster holds, Secrets left out, never shrinking an existing backup. */
  public static BackupOptions everything(int pageSize) {
    return new BackupOptions(List.of(), Optional.empty(), Optional.empty(), pageSize, false);
  }
}
