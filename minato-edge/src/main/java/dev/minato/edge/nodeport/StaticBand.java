package dev.minato.edge.nodeport;

import dev.minato.manifest.nodeport.NodePortRange;

/**
 * The static sub-range of a NodePort range (KEP-3668, Kubernetes 1.27+). The API server assigns
 * ports dynamically from the upper part first and uses the lower band only when the upper part is
 * full, so ports chosen by hand, or by minato, should come from the lower band: there they cannot
 * collide with a port the API server handed out.
 */
public final class StaticBand {

  private static final int MIN_SIZE = 16;
  private static final int STEP = 32;
  private static final int MAX_SIZE = 128;

  private StaticBand() {}

  /** {@code min(max(16, size / 32), 128)} ports from the bottom of the range. */
  public static NodePortRange of(NodePortRange range) {
    int size = Math.min(Math.max(MIN_SIZE, range.size() / STEP), MAX_SIZE);
    return new NodePortRange(range.min(), Math.min(range.max(), range.min() + size - 1));
  }
}
