package dev.minato.check;

import dev.minato.manifest.ObjectKey;
import dev.minato.manifest.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * One rule violation. {@code objectPosition} is where the object starts; {@code position} is the
 * offending field when it exists in the source (the object otherwise). {@code field} is the stable
 * path of that field (see {@link #fingerprint()}).
 */
public record Finding(
    String ruleId,
    Severity severity,
    ObjectKey object,
    SourcePosition objectPosition,
    SourcePosition position,
    String field,
    String message) {

  /** Source order: file, line, column, then rule and message so ties are stable. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.position().source())
          .thenComparingInt(f -> f.objectPosition().line())
          .thenComparingInt(f -> f.position().line())
          .thenComparingInt(f -> f.position().column())
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  /**
   * Identifies the finding across edits: rule, object (group, kind, namespace, name) and field, but
   * no line numbers, so a baseline keeps matching after unrelated changes move the object.
   */
  public String fingerprint() {
    String identity =
        String.join(
            "\u0000",
            ruleId,
            object.group(),
            object.kind(),
            object.namespace(),
            object.name(),
            field);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  public Finding withMessage(String newMessage) {
    return new Finding(ruleId, severity, object, objectPosition, position, field, newMessage);
  }
}
