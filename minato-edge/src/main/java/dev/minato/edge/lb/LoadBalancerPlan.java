package dev.minato.edge.lb;

import java.util.List;

/**
 * What the external load balancer of one environment must do, independent of the device: every
 * renderer (HAProxy, nginx, F5 AS3, neutral JSON) writes this one value.
 */
public record LoadBalancerPlan(String environment, List<Backend> backends, Settings settings) {

  /**
   * Device settings that are not in the specs.
   *
   * @param bindAddress where frontends listen ({@code *} for every address)
   * @param httpPort the shared frontend for apps routed by host
   * @param statsBind where HAProxy serves its statistics page
   * @param virtualAddress the F5 virtual address, if any
   */
  public record Settings(
      String bindAddress,
      int httpPort,
      String statsBind,
      java.util.Optional<String> virtualAddress) {}
}
