package dev.minato.shadow.exchange;

import java.util.Objects;

/** One HTTP header field as it was sent, name in its original case. */
public record Header(String name, String value) {

  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
