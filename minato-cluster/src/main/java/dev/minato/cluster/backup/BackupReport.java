package dev.minato.cluster.backup;

import java.nio.file.Path;

/**
 * What a backup wrote and what it left out on purpose.
 *
 * @param directory the backup
 * @param index its index
 * @param ownedSkipped objects left out because another object owns them
 * @param secretsSkipped Secrets left out because {@code --include-secrets} was not given
 */
public record BackupReport(
    Path directory, BackupIndex index, int ownedSkipped, int secretsSkipped) {}
