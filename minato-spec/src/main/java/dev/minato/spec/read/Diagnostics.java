package dev.minato.spec.read;

import dev.minato.manifest.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the errors of one input file, each once, in the order found. */
public final class Diagnostics {

  private final Set<SpecError> errors = new LinkedHashSet<>();

  public void error(SourcePosition position, String field, String message) {
    errors.add(new SpecError(position, field, message));
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public int size() {
    return errors.size();
  }

  public List<SpecError> errors() {
    return new ArrayList<>(errors);
  }
}
