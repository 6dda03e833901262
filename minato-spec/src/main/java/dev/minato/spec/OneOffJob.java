package dev.minato.spec;

import dev.minato.manifest.migration.MigrationPolicy;
import java.util.List;
import java.util.OptionalInt;

/**
 * A job of the app that runs once per change of its template (a database migration), rendered as a
 * Job that Kubernetes deletes {@code ttlSeconds} after it finished, or keeps (empty) until a change
 * of the job replaces it.
 */
public record OneOffJob(
    String name,
    List<String> command,
    List<String> args,
    MigrationPolicy migration,
    int retries,
    OptionalInt timeoutSeconds,
    OptionalInt ttlSeconds,
    Resources resources) {

  public static final int DEFAULT_TTL_SECONDS = 3600;
}
