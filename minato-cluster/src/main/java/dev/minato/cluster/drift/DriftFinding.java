package dev.minato.cluster.drift;

import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.diff.FieldChange;
import java.util.List;

/**
 * One object that drifted. For {@link DriftKind#CHANGED}, the fields that differ, each as the
 * change that would bring the live object back to the repository ({@code live → repository}),
 * Secret values masked; {@code note} says why when there is more to say (a kind the cluster does
 * not serve), else it is empty.
 */
public record DriftFinding(ObjectKey key, DriftKind kind, String note, List<FieldChange> changes) {

  public DriftFinding {
    changes = List.copyOf(changes);
  }
}
