package dev.minato.spec;

import dev.minato.manifest.migration.MigrationPolicy;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A job of the app that runs on a schedule, rendered as a CronJob. */
public record ScheduledJob(
    String name,
    String schedule,
    Optional<String> timeZone,
    List<String> command,
    List<String> args,
    MigrationPolicy migration,
    Concurrency concurrency,
    int retries,
    OptionalInt timeoutSeconds,
    boolean suspend,
    Resources resources) {

  /** The CronJob's concurrencyPolicy. */
  public enum Concurrency {
    FORBID("Forbid"),
    ALLOW("Allow"),
    REPLACE("Replace");

    private final String spelling;

    Concurrency(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }
}
