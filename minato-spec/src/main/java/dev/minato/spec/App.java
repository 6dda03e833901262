package dev.minato.spec;

import dev.minato.manifest.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One application as its minato.yaml describes it: the base spec and each environment's version of
 * it. {@code source} points at the document, so later steps can name the spec in messages.
 */
public record App(
    String name,
    Optional<String> team,
    Optional<String> namespace,
    Map<String, String> labels,
    AppSpec spec,
    List<Environment> environments,
    SourcePosition source) {

  /** The environment used when a spec declares none. */
  public static final String DEFAULT_ENVIRONMENT = "default";

  /** This app with other versions of its spec (assigned NodePorts, say). */
  public App withSpecs(AppSpec newSpec, List<Environment> newEnvironments) {
    return new App(name, team, namespace, labels, newSpec, List.copyOf(newEnvironments), source);
  }
}
