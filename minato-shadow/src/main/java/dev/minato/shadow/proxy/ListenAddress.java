package dev.minato.shadow.proxy;

import java.net.InetSocketAddress;

/** Reads where to listen: {@code HOST:PORT}, {@code [IPv6]:PORT}, or {@code :PORT} for loopback. */
public final class ListenAddress {

  private ListenAddress() {}

  /**
   * @throws IllegalArgumentException with a message for the user when {@code text} is not one
   */
  public static InetSocketAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(text, "it has no port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      // Loopback unless asked otherwise: a proxy that copies production requests should not be
      // reachable from the network by accident.
      host = "127.0.0.1";
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(text, "'" + text.substring(colon + 1) + "' is not a port number");
    }
    if (port < 0 || port > 65535) {
      throw invalid(text, "port " + port + " is outside 0-65535");
    }
    return new InetSocketAddress(host, port);
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a listen address: "
            + why
            + "; expected HOST:PORT, like 127.0.0.1:8080, 0.0.0.0:8080 or :8080 (loopback)");
  }
}
