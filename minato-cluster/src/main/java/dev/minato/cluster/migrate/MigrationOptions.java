package dev.minato.cluster.migrate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to run a migration.
 *
 * @param removeFromSource run the last phase: delete the migrated objects from the source
 * @param until stop after this phase (re-run to go on)
 * @param timeout how long each phase waits for its verification
 * @param stateFile where progress is recorded, when the user names a file
 * @param stateHome otherwise, the home of the default location ({@link StateLocation})
 */
public record MigrationOptions(
    boolean removeFromSource,
    Optional<Phase> until,
    Duration timeout,
    Optional<Path> stateFile,
    Path stateHome) {}
