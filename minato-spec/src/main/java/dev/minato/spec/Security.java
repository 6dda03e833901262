package dev.minato.spec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Container hardening. The defaults are strict (non-root, no privilege escalation, read-only root
 * filesystem); a legacy app may relax each one, and must say why in {@code reason}.
 *
 * @param writablePaths extra writable directories (emptyDir volumes) besides {@code /tmp}
 */
public record Security(
    boolean runAsNonRoot,
    OptionalLong runAsUser,
    boolean readOnlyRootFilesystem,
    boolean allowPrivilegeEscalation,
    List<String> writablePaths,
    Optional<String> reason) {

  /** The annotation prefix that suppresses a check finding, with the rule id after it. */
  public static final String SUPPRESSION_PREFIX = "ignore.minato.dev/";

  public boolean relaxed() {
    return !runAsNonRoot || !readOnlyRootFilesystem || allowPrivilegeEscalation;
  }

  /** The check rules a relaxed default would fail, so their findings are suppressed by reason. */
  public List<String> relaxedChecks() {
    List<String> checks = new java.util.ArrayList<>();
    if (!runAsNonRoot) {
      checks.add("run-as-non-root");
    }
    if (!readOnlyRootFilesystem) {
      checks.add("read-only-root-fs");
    }
    if (allowPrivilegeEscalation) {
      checks.add("no-privilege-escalation");
    }
    return List.copyOf(checks);
  }
}
