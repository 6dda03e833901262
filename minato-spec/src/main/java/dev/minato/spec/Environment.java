package dev.minato.spec;

import java.util.Optional;

/** One environment of an app (dev, stg, prd…): the app's spec with its overrides merged in. */
public record Environment(String name, Optional<String> namespace, AppSpec spec) {

  public Environment withSpec(AppSpec newSpec) {
    return new Environment(name, namespace, newSpec);
  }
}
