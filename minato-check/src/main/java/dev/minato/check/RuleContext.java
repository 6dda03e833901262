package dev.minato.check;

import dev.minato.check.config.CheckConfig;
import dev.minato.check.inventory.Inventory;
import dev.minato.manifest.KubeObject;
import java.util.List;

/** What a rule sees while it checks one object: the whole input, the configuration, a sink. */
public final class RuleContext {

  private final Inventory inventory;
  private final CheckConfig config;
  private final RuleInfo rule;
  private final List<Finding> sink;

  RuleContext(Inventory inventory, CheckConfig config, RuleInfo rule, List<Finding> sink) {
    this.inventory = inventory;
    this.config = config;
    this.rule = rule;
    this.sink = sink;
  }

  public Inventory inventory() {
    return inventory;
  }

  public CheckConfig config() {
    return config;
  }

  /**
   * Reports a finding about the field at {@code pointer} (a JSON pointer; the object itself when
   * empty). The message names the object and the numbers involved.
   */
  public void report(KubeObject object, String pointer, String message) {
    sink.add(
        new Finding(
            rule.id(),
            rule.severity(),
            object.key(),
            object.source(),
            object.positionOf(pointer),
            FieldPath.stable(object.tree(), pointer),
            message));
  }
}
