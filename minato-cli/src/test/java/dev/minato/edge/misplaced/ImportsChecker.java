package dev.minato.edge.misplaced;

import dev.minato.check.Checker;

/** Breaks a rule on purpose: edge must not depend on the checker (see ModuleRulesTest). */
public final class ImportsChecker {

  private ImportsChecker() {}

  static String describe(Checker checker) {
    return String.valueOf(checker);
  }
}
