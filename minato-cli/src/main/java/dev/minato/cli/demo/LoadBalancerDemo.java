package dev.minato.cli.demo;

import dev.minato.cli.UserError;
import dev.minato.edge.lb.LbFormat;
import dev.minato.edge.lb.LoadBalancerPlan;
import dev.minato.edge.lb.PlanBuilder;
import dev.minato.edge.lb.PlanException;
import dev.minato.edge.nodes.NodeInventoryReader;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The demo's load-balancer step: the HAProxy configuration of the examples' prd environment. */
final class LoadBalancerDemo {

  private LoadBalancerDemo() {}

  static void render(PrintWriter out, List<App> apps, Path inventory) {
    try {
      LoadBalancerPlan plan =
          PlanBuilder.withDefaults()
              .build(
                  apps,
                  "prd",
                  NodeInventoryReader.read(inventory),
                  Optional.empty(),
                  new LoadBalancerPlan.Settings("*", 80, "127.0.0.1:8404", Optional.empty()));
      out.print(LbFormat.HAPROXY.render(plan));
      out.printf(
          "%d app(s) on NodePorts, %d member(s) each. Other devices: --format nginx|f5-as3|json%n",
          plan.backends().size(),
          plan.backends().isEmpty() ? 0 : plan.backends().get(0).members().size());
    } catch (SpecException e) {
      throw UserError.invalidInput(e.getMessage());
    } catch (PlanException e) {
      throw UserError.invalidInput(e.getMessage());
    }
  }
}
