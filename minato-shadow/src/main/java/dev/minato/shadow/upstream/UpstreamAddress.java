package dev.minato.shadow.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where an upstream listens: {@code http} or {@code https}, a host, a port, and a path prefix put
 * before every request target (empty for most services).
 */
public record UpstreamAddress(boolean tls, String host, int port, String pathPrefix) {

  /**
   * Reads an upstream URL such as {@code http://127.0.0.1:8080} or {@code https://new.svc/api}.
   *
   * @throws IllegalArgumentException with a message for the user when it is not one
   */
  public static UpstreamAddress parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "'" + url + "' is not a URL: " + e.getReason() + "; expected like http://127.0.0.1:8080");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "'" + url + "' is not an http:// or https:// URL; expected like http://127.0.0.1:8080");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "'" + url + "' has no host; expected like " + scheme + "://127.0.0.1:8080");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "'" + url + "' has a query or fragment; an upstream URL is scheme, host, port and path");
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new UpstreamAddress(tls, host, port, path);
  }

  /** The target to send upstream for a client's target: the prefix, then the target. */
  public String targetFor(String clientTarget) {
    return pathPrefix.isEmpty() ? clientTarget : pathPrefix + clientTarget;
  }

  /** The value of a Host header naming this upstream, for requests that came without one. */
  public String authority() {
    String name = host.contains(":") ? "[" + host + "]" : host;
    return port == (tls ? 443 : 80) ? name : name + ":" + port;
  }

  @Override
  public String toString() {
    return (tls ? "https://" : "http://") + authority() + pathPrefix;
  }
}
