package dev.minato.load.stats;

/**
 * Why a request ended without a response, finer than its {@link Series}: the series keeps the
 * histogram of each class, the kind tells a person what to look at (a refused connect points at the
 * deployment, a reset at the server or a proxy in between).
 */
public enum FailureKind {
  CONNECT_REFUSED("connect-refused", Series.CONNECT),
  CONNECT_TIMEOUT("connect-timeout", Series.CONNECT),
  TLS_HANDSHAKE("tls-handshake", Series.CONNECT),
  CONNECT_ERROR("connect-error", Series.CONNECT),
  TIMEOUT("timeout", Series.TIMEOUT),
  /** Not even sent: the open model fell so far behind that its pending queue was full. */
  UNSENT("unsent", Series.TIMEOUT),
  RESET("reset", Series.IO),
  /** The server closed the connection before the response was complete. */
  CLOSED("closed", Series.IO),
  /** The response was not HTTP/1.1, or bytes came that no request asked for. */
  PROTOCOL("protocol", Series.IO);

  private final String kind;
  private final Series series;

  FailureKind(String kind, Series series) {
    this.kind = kind;
    this.series = series;
  }

  /** The name reports and shard logs use, one token. */
  public String kind() {
    return kind;
  }

  /** The failure class whose histogram records requests of this kind. */
  public Series series() {
    return series;
  }

  /** The kind name of an error response, {@code http-503}. */
  public static String ofStatus(int status) {
    return "http-" + status;
  }
}
