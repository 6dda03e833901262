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

  public boolean relaxed() {
    return !runAsNonRoot || !readOnlyRootFilesystem || allowPrivilegeEscalation;
  }
}
