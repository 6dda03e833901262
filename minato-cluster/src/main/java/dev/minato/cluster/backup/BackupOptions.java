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
 */
public record BackupOptions(
    List<String> namespaces,
    Optional<String> labelSelector,
    Optional<SecretCipher> secrets,
    int pageSize) {}
