package dev.minato.manifest.nodeport;

import dev.minato.manifest.InvalidValueException;

/**
 * The NodePort range of a cluster ({@code --service-node-port-range} of the API server). Shared by
 * the checker's {@code nodeport-range} rule and by NodePort allocation, so both agree on what a
 * valid port is.
 */
public record NodePortRange(int min, int max) {

  /** The Kubernetes default range. */
  public static final NodePortRange DEFAULT = new NodePortRange(30000, 32767);

  private static final String EXPECTED = "expected MIN-MAX such as 30000-32767, or BASE+SIZE";

  public NodePortRange {
    if (min < 1 || max > 65535 || min > max) {
      throw new IllegalArgumentException(
          "NodePort range " + min + "-" + max + " must lie within 1-65535 with min <= max");
    }
  }

  /**
   * Parses the API server flag's syntax: {@code 30000-32767} (both ends included) or {@code
   * 30000+2768} (a base and a number of ports), as Kubernetes' {@code PortRange} reads it.
   *
   * @throws InvalidValueException naming the problem and the expected form
   */
  public static NodePortRange parse(String text) throws InvalidValueException {
    String value = text.strip();
    int hyphen = value.indexOf('-');
    int plus = value.indexOf('+');
    if (hyphen < 0 && plus < 0) {
      throw invalid(text, "no '-' between the bounds");
    }
    if (hyphen >= 0 && plus >= 0) {
      throw invalid(text, "both '-' and '+'");
    }
    int at = Math.max(hyphen, plus);
    int first = port(text, value.substring(0, at).strip(), "the start");
    int second = port(text, value.substring(at + 1).strip(), hyphen >= 0 ? "the end" : "the size");
    int last = hyphen >= 0 ? second : first + second - 1;
    if (first < 1) {
      throw invalid(text, "the start must be 1 or more");
    }
    if (last < first) {
      throw invalid(
          text, hyphen >= 0 ? "the end is below the start" : "the size must be 1 or more");
    }
    if (last > 65535) {
      throw invalid(text, "ports end at 65535");
    }
    return new NodePortRange(first, last);
  }

  private static int port(String text, String digits, String what) throws InvalidValueException {
    if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
      throw invalid(text, what + " '" + digits + "' is not a whole number");
    }
    return Integer.parseInt(digits);
  }

  private static InvalidValueException invalid(String text, String problem) {
    return new InvalidValueException(
        "'" + text + "' is not a port range: " + problem + "; " + EXPECTED);
  }

  public boolean contains(int port) {
    return port >= min && port <= max;
  }

  /** How many ports the range holds. */
  public int size() {
    return max - min + 1;
  }

  @Override
  public String toString() {
    return min + "-" + max;
  }
}
