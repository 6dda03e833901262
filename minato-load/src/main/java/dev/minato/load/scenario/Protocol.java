package dev.minato.load.scenario;

import java.util.Arrays;
import java.util.Optional;

/**
 * The HTTP version a run speaks. HTTP/2 goes over TLS with ALPN {@code h2} for https targets, and
 * as cleartext h2c with prior knowledge (the client starts with the HTTP/2 preface, no upgrade) for
 * http targets, as gRPC clients do.
 */
public enum Protocol {
  HTTP_1_1("http/1.1"),
  H2("h2");

  private final String token;

  Protocol(String token) {
    this.token = token;
  }

  /** The name in scenario files and reports, as in ALPN: {@code http/1.1} or {@code h2}. */
  public String token() {
    return token;
  }

  public static Optional<Protocol> parse(String text) {
    return Arrays.stream(values()).filter(p -> p.token.equals(text)).findFirst();
  }
}
