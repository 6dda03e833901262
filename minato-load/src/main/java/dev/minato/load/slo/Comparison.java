package dev.minato.load.slo;

/** How a measured value must relate to the required one. */
public enum Comparison {
  LESS("<"),
  LESS_OR_EQUAL("<="),
  GREATER(">"),
  GREATER_OR_EQUAL(">=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean holds(double measured, double required) {
    return switch (this) {
      case LESS -> measured < required;
      case LESS_OR_EQUAL -> measured <= required;
      case GREATER -> measured > required;
      case GREATER_OR_EQUAL -> measured >= required;
    };
  }

  /** A lower limit ({@code >}, {@code >=}): a value known only from below can meet it. */
  public boolean boundsFromBelow() {
    return this == GREATER || this == GREATER_OR_EQUAL;
  }

  static Comparison ofSymbol(String symbol) {
    for (Comparison c : values()) {
      if (c.symbol.equals(symbol)) {
        return c;
      }
    }
    throw new IllegalArgumentException(symbol);
  }
}
