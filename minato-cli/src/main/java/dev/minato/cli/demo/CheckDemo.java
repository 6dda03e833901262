package dev.minato.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.check.CheckResult;
import dev.minato.check.Checker;
import dev.minato.check.Profile;
import dev.minato.check.config.CheckConfig;
import dev.minato.manifest.KubeObject;
import dev.minato.render.layout.FlatLayout;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The demo's check step: lint everything it generated, in the strictest profile. */
final class CheckDemo {

  private CheckDemo() {}

  static void check(PrintWriter out, List<App> apps, PlatformMonitoring monitoring)
      throws SpecException {
    List<KubeObject> objects = new ArrayList<>();
    for (App app : apps) {
      for (Environment env : app.environments()) {
        for (ObjectNode object : FlatLayout.objects(app, env, monitoring)) {
          objects.add(KubeObject.synthetic(object, app.source()));
        }
      }
    }
    CheckResult result =
        new Checker(Clock.systemUTC())
            .check(objects, CheckConfig.defaults().withProfile(Profile.STRICT));
    out.printf(
        "Checked %d objects of every environment with minato check (strict profile, %d rules):"
            + " %d findings, %d explained by ignore.minato.dev annotations.%n",
        objects.size(),
        result.rules().size(),
        result.findings().size(),
        result.suppressed().size());
    result.findings().forEach(f -> out.println("  " + f.message()));
    out.println(
        "Try: minato check <dir>, minato check -k <overlay>, or minato check --spec <specs>.");
  }
}
