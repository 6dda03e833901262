package dev.minato.load.slo;

/** An SLO that cannot be parsed; the message quotes it and says what was expected. */
public final class SloException extends Exception {

  public SloException(String message) {
    super(message);
  }
}
