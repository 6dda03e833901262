package dev.minato.check;

import dev.minato.manifest.KubeObject;
import java.util.List;

/** An object and the ids of the rules that applied to it (for one-test-case-per-rule reports). */
public record CheckedObject(KubeObject object, List<String> ruleIds) {

  public CheckedObject {
    ruleIds = List.copyOf(ruleIds);
  }
}
