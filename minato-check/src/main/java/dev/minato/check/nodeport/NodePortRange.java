package dev.minato.check.nodeport;

/**
 * The NodePort range of a cluster ({@code --service-node-port-range} of the API server). Shared by
 * the checker's {@code nodeport-range} rule and by NodePort allocation, so both agree on what a
 * valid port is.
 */
public record NodePortRange(int min, int max) {

  /** The Kubernetes default range. */
  public static final NodePortRange DEFAULT = new NodePortRange(30000, 32767);

  public NodePortRange {
    if (min < 1 || max > 65535 || min > max) {
      throw new IllegalArgumentException(
          "NodePort range " + min + "-" + max + " must lie within 1-65535 with min <= max");
    }
  }

  /**
   * Parses {@code 30000-32767}, the API server flag's syntax.
   *
   * @throws IllegalArgumentException with a message for the user when the text is not a range
   */
  public static NodePortRange parse(String text) {
    String[] bounds = text.strip().split("-", -1);
    if (bounds.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a port range; expected MIN-MAX such as 30000-32767");
    }
    try {
      return new NodePortRange(
          Integer.parseInt(bounds[0].strip()), Integer.parseInt(bounds[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a port range; expected MIN-MAX such as 30000-32767", e);
    }
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
