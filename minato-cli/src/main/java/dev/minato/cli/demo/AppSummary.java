package dev.minato.cli.demo;

import dev.minato.render.objects.AppRenderer;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Environment;
import dev.minato.spec.Expose;
import dev.minato.spec.OneOffJob;
import dev.minato.spec.ScheduledJob;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A few lines per app saying what was generated for it, environment by environment. */
final class AppSummary {

  private AppSummary() {}

  static void print(PrintWriter out, App app) {
    AppSpec base = app.spec();
    out.printf(
        "%s%s: %s, %s, %s%n",
        app.name(),
        app.team().map(t -> " (team " + t + ")").orElse(""),
        base.type().spelling(),
        base.runtime().spelling(),
        base.image());
    for (Environment env : app.environments()) {
      out.printf("  %-4s %s%n", env.name(), describe(env));
    }
    List<String> kinds =
        AppRenderer.render(app, base).stream()
            .map(o -> o.path("kind").asText())
            .distinct()
            .toList();
    out.println("  objects: " + String.join(", ", kinds));
  }

  private static String describe(Environment env) {
    AppSpec spec = env.spec();
    List<String> parts = new ArrayList<>();
    if (spec.type() != dev.minato.spec.WorkloadType.BATCH) {
      parts.add(replicas(spec));
      parts.add("cpu " + spec.resources().cpu() + ", memory " + spec.resources().memory());
      spec.workers()
          .ifPresent(
              w -> parts.add(w.count(spec.resources().cpu()) + " workers (" + w.env() + ")"));
    }
    if (spec.serves()) {
      parts.add(expose(spec.expose()));
      parts.add(
          "grace "
              + spec.shutdown().terminationGracePeriodSeconds()
              + "s after a "
              + spec.shutdown().drainSeconds()
              + "s drain");
    }
    if (!spec.jobs().isEmpty()) {
      parts.add(spec.jobs().stream().map(AppSummary::job).collect(Collectors.joining("; ")));
    }
    for (OneOffJob job : spec.oneOffJobs()) {
      parts.add("one-off job " + job.name() + " " + job.migration().spelling());
    }
    env.namespace().ifPresent(ns -> parts.add("namespace " + ns));
    if (spec.type() != dev.minato.spec.WorkloadType.BATCH) {
      parts.add(spec.migration().spelling());
    }
    return String.join(", ", parts);
  }

  private static String replicas(AppSpec spec) {
    if (spec.replicas().autoscaled()) {
      return spec.replicas().min()
          + "-"
          + spec.replicas().max()
          + " pods (HPA at "
          + spec.replicas().cpuUtilization()
          + "% CPU)";
    }
    int n = spec.replicas().min();
    return n + (n == 1 ? " pod" : " pods");
  }

  private static String expose(Expose expose) {
    return switch (expose.type()) {
      case CLUSTER_IP -> "ClusterIP";
      case NODE_PORT ->
          "NodePort " + (expose.nodePort().isPresent() ? expose.nodePort().getAsInt() : "(any)");
      case INGRESS -> "Ingress " + expose.host().orElse("");
      case LOAD_BALANCER -> "LoadBalancer";
    };
  }

  private static String job(ScheduledJob job) {
    return "job "
        + job.name()
        + " at '"
        + job.schedule()
        + "'"
        + job.timeZone().map(tz -> " " + tz).orElse("")
        + (job.suspend() ? " (suspended)" : "")
        + " "
        + job.migration().spelling()
        + "/"
        + job.concurrency().spelling();
  }
}
