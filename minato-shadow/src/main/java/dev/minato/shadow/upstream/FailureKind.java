package dev.minato.shadow.upstream;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The stable names a failed upstream exchange is grouped by in counts and reports, and the reading
 * of an exception into one of them.
 */
public final class FailureKind {

  /** No connection could be opened: refused, unreachable, unknown host, or too slow to open. */
  public static final String CONNECT = "connect";

  /** The TLS handshake failed (an untrusted or wrong certificate, a protocol mismatch). */
  public static final String TLS = "tls";

  /** The connection was reset or closed before the response was complete. */
  public static final String RESET = "reset";

  /** The upstream stayed silent longer than the response timeout. */
  public static final String TIMEOUT = "timeout";

  /** Every connection was busy and too many requests already waited for one. */
  public static final String OVERLOADED = "overloaded";

  /** The upstream sent something that is not an HTTP/1.1 response. */
  public static final String PROTOCOL = "protocol";

  /** Anything else, named in the detail. */
  public static final String ERROR = "error";

  private FailureKind() {}

  /** The kind of failure {@code failure} is. */
  public static String of(Throwable failure) {
    boolean reset = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException) {
        return TLS;
      }
      if (t instanceof ConnectException
          || t instanceof ConnectTimeoutException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException) {
        return CONNECT;
      }
      if (t instanceof TimeoutException) {
        return TIMEOUT;
      }
      reset |= t instanceof ClosedChannelException || t instanceof IOException;
    }
    return reset ? RESET : ERROR;
  }

  /** A one-line description of {@code failure} for a report's example. */
  public static String detail(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
