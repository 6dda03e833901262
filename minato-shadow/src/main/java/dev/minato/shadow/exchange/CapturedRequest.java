package dev.minato.shadow.exchange;

import java.util.List;
import java.util.Objects;

/**
 * A request as the client sent it, which the proxy forwards to the primary and mirrors to the
 * copies, and which replay rebuilds from an access-log line.
 *
 * @param method the HTTP method, upper case
 * @param target the request target: path and query, as sent
 * @param headers the header fields in the order sent (Host included)
 * @param body the request body
 */
public record CapturedRequest(String method, String target, List<Header> headers, Body body) {

  public CapturedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }
}
