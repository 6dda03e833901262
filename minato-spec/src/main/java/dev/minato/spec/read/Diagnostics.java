package dev.minato.spec.read;

import dev.minato.manifest.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the errors of one spec file, each once, in the order found. */
final class Diagnostics {

  private final Set<SpecError> errors = new LinkedHashSet<>();

  void error(SourcePosition position, String field, String message) {
    errors.add(new SpecError(position, field, message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  int size() {
    return errors.size();
  }

  List<SpecError> errors() {
    return new ArrayList<>(errors);
  }
}
