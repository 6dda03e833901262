package dev.minato.load.engine;

import dev.minato.load.stats.FailureKind;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import javax.net.ssl.SSLException;

/**
 * Sorts what a connection threw into the {@link FailureKind} a report counts, and words it as an
 * example message. The message is the root cause's own (the operating system's or the TLS library's
 * words), which is what a person searches for.
 */
final class FailureCause {

  private FailureCause() {}

  /** The kind of a failure to open a connection (connect or TLS handshake). */
  static FailureKind connectKindOf(Throwable failure) {
    if (has(failure, ConnectTimeoutException.class)) {
      return FailureKind.CONNECT_TIMEOUT;
    }
    if (has(failure, SSLException.class)) {
      return FailureKind.TLS_HANDSHAKE;
    }
    if (has(failure, ConnectException.class) || messageOf(failure).contains("refused")) {
      return FailureKind.CONNECT_REFUSED;
    }
    return FailureKind.CONNECT_ERROR;
  }

  /** The kind of a failure on an open connection. */
  static FailureKind kindOf(Throwable failure) {
    if (has(failure, SSLException.class)) {
      return FailureKind.PROTOCOL;
    }
    return FailureKind.RESET;
  }

  /** The root cause's message (its class name when it has none). */
  static String messageOf(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
