package dev.minato.check;

import dev.minato.manifest.KubeObject;

/**
 * One check over Kubernetes objects. The engine asks every enabled rule whether it applies to an
 * object and, if so, runs it with a context that holds the whole input (for rules that relate
 * objects, like a PDB and the workloads it selects) and collects findings.
 *
 * <p>Rules read objects as generic trees, so they work on any apiVersion and on custom resources
 * whose shape they recognise.
 */
public interface Rule {

  RuleInfo info();

  /** True when the rule has something to say about this kind of object. */
  boolean appliesTo(KubeObject object);

  /** Reports every violation in {@code object} through {@code context}. */
  void check(KubeObject object, RuleContext context);
}
