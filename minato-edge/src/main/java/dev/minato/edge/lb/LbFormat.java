package dev.minato.edge.lb;

import java.util.function.Function;

/** The devices minato renders load-balancer configuration for. */
public enum LbFormat {
  HAPROXY("haproxy", HaproxyConfig::render),
  NGINX("nginx", NginxConfig::render),
  F5_AS3("f5-as3", As3Declaration::render),
  JSON("json", NeutralJson::render);

  private final String spelling;
  private final Function<LoadBalancerPlan, String> renderer;

  LbFormat(String spelling, Function<LoadBalancerPlan, String> renderer) {
    this.spelling = spelling;
    this.renderer = renderer;
  }

  public String spelling() {
    return spelling;
  }

  /**
   * The configuration of {@code plan}, refused when a value in it could not be written safely: a
   * renderer never sees a newline, quote or comment character it would copy into a directive.
   */
  public String render(LoadBalancerPlan plan) throws PlanException {
    PlanValues.requireSafe(plan);
    return renderer.apply(plan);
  }
}
