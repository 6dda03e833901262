package dev.minato.manifest.migration;

import java.util.Optional;

/** What an object (or a namespace) states about its {@link MigrationPolicy}, and where. */
public sealed interface PolicyReading {

  /** Nothing is stated. */
  PolicyReading ABSENT = new Absent();

  /** The policy, when one is stated and valid. */
  default Optional<MigrationPolicy> policy() {
    return Optional.empty();
  }

  /** This reading, or {@code fallback} when nothing is stated here. */
  default PolicyReading or(PolicyReading fallback) {
    return this;
  }

  /**
   * A valid policy.
   *
   * @param pointer the JSON pointer of the label or annotation that states it
   */
  record Found(MigrationPolicy value, String pointer) implements PolicyReading {
    @Override
    public Optional<MigrationPolicy> policy() {
      return Optional.of(value);
    }
  }

  /**
   * A value that is not a policy: the first place that states one decides, so an invalid value is
   * never passed over for a valid one further down.
   *
   * @param message what is wrong and what was expected, for the user
   */
  record Invalid(String value, String pointer, String message) implements PolicyReading {}

  /** No label or annotation states a policy. */
  record Absent() implements PolicyReading {
    @Override
    public PolicyReading or(PolicyReading fallback) {
      return fallback;
    }
  }
}
