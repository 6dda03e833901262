package dev.minato.spec.read;

import dev.minato.spec.EnvSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code envFrom}: a list of {@code {configMap: name}} or {@code {secret: name}}, each with
 * an optional {@code optional: true}.
 */
final class EnvFromBinder {

  private EnvFromBinder() {}

  static List<EnvSource> bind(Section parent) {
    List<EnvSource> sources = new ArrayList<>();
    Set<EnvSource> seen = new HashSet<>();
    for (Section item : parent.sectionList("envFrom")) {
      source(item)
          .ifPresent(
              source -> {
                if (!seen.add(new EnvSource(source.kind(), source.name(), false))) {
                  item.errorHere(
                      source.kind().spelling() + " '" + source.name() + "' is listed twice");
                } else {
                  sources.add(source);
                }
              });
    }
    return List.copyOf(sources);
  }

  private static Optional<EnvSource> source(Section item) {
    List<EnvSource.Kind> kinds = new ArrayList<>();
    Optional<String> name = Optional.empty();
    for (EnvSource.Kind kind : EnvSource.Kind.values()) {
      if (item.has(kind.spelling())) {
        kinds.add(kind);
        name = item.string(kind.spelling());
        name.filter(n -> !Names.dnsSubdomain(n))
            .ifPresent(
                n ->
                    item.error(
                        kind.spelling(),
                        "'"
                            + n
                            + "' is not a valid "
                            + kind.spelling()
                            + " name: lower-case letters, digits, '-' and '.'"));
      }
    }
    boolean optional = item.bool("optional").orElse(false);
    item.finish();
    if (kinds.size() != 1) {
      item.errorHere(
          kinds.isEmpty()
              ? "name a configMap or a secret, e.g. {configMap: app-config}"
              : "name a configMap or a secret, not both; write two entries");
      return Optional.empty();
    }
    return name.filter(Names::dnsSubdomain).map(n -> new EnvSource(kinds.get(0), n, optional));
  }
}
