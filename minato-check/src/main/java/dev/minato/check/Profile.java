package dev.minato.check;

import java.util.Locale;
import java.util.Optional;

/**
 * A named set of rules. {@code default} is what every pipeline can run on Helm output and
 * hand-written YAML; {@code portable} adds what moving a workload between clusters needs; {@code
 * strict} adds hardening that legacy images often cannot meet yet.
 */
public enum Profile {
  DEFAULT,
  PORTABLE,
  STRICT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Profile> parse(String text) {
    for (Profile profile : values()) {
      if (profile.label().equals(text)) {
        return Optional.of(profile);
      }
    }
    return Optional.empty();
  }
}
