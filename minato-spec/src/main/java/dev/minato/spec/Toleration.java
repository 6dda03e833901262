package dev.minato.spec;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A toleration of a node taint, as Kubernetes spells it. {@code Exists} matches any value (so it
 * has none); {@code Equal} matches one value. Without a key, {@code Exists} tolerates every taint.
 */
public record Toleration(
    Optional<String> key,
    Operator operator,
    Optional<String> value,
    Optional<Effect> effect,
    OptionalLong tolerationSeconds) {

  /** How the key is matched. */
  public enum Operator {
    EXISTS("Exists"),
    EQUAL("Equal");

    private final String spelling;

    Operator(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  /** The taint effect tolerated; none means every effect. */
  public enum Effect {
    NO_SCHEDULE("NoSchedule"),
    PREFER_NO_SCHEDULE("PreferNoSchedule"),
    NO_EXECUTE("NoExecute");

    private final String spelling;

    Effect(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }
}
