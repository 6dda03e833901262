package dev.minato.cli.edge;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.generate.GenerateCommand;
import dev.minato.edge.lb.LbFormat;
import dev.minato.edge.lb.LoadBalancerPlan;
import dev.minato.edge.lb.PlanBuilder;
import dev.minato.edge.lb.PlanException;
import dev.minato.edge.nodes.NodeInventory;
import dev.minato.edge.nodes.NodeInventoryReader;
import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.diff.TextDiff;
import dev.minato.manifest.duration.Durations;
import dev.minato.manifest.selector.LabelSelector;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato lb render}: the load balancer's configuration for one environment. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render the external load balancer's configuration for one environment: every app exposed",
      "on a NodePort gets a frontend and a pool of the selected nodes with health checks."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato lb render --env prd --nodes nodes/prd.yaml -o haproxy.cfg",
      "  minato lb render --env prd --nodes nodes/prd.yaml --format nginx --diff nginx.conf",
      "  minato lb render --env prd --format f5-as3 --vip 192.0.2.10 > as3.json",
      "",
      "--diff prints what would change against a previous rendering and exits 1 if anything",
      "would (0 if nothing), like kubectl diff. See docs/edge.md."
    })
public final class LbRenderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "PATH",
      description = "Spec files or directories (repeatable; default: .).")
  List<Path> inputs = List.of(Path.of("."));

  @Option(
      names = "--env",
      required = true,
      paramLabel = "ENV",
      description = "The environment whose load balancer to render.")
  String environment;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "haproxy",
      description = "haproxy, nginx, f5-as3 or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--nodes",
      paramLabel = "FILE",
      defaultValue = "nodes.yaml",
      description = "The node inventory of the environment (default: ${DEFAULT-VALUE}).")
  Path nodes;

  @Option(
      names = "--selector",
      paramLabel = "SELECTOR",
      description = "Which nodes are members, e.g. role=edge (default: the inventory's).")
  String selector;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "*",
      description = "Address the frontends listen on (default: every address).")
  String bind;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "80",
      description =
          "Port of the shared frontend for apps routed by host (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--stats",
      paramLabel = "ADDR:PORT",
      defaultValue = "127.0.0.1:8404",
      description = "Where HAProxy serves its statistics (default: ${DEFAULT-VALUE}).")
  String stats;

  @Option(names = "--vip", paramLabel = "ADDR", description = "The F5 virtual address (f5-as3).")
  String vip;

  @Option(
      names = "--check-interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      description = "Health-check interval, e.g. 2s or 500ms (default: ${DEFAULT-VALUE}).")
  String checkInterval;

  @Option(
      names = "--rise",
      defaultValue = "2",
      description = "Checks to pass before a member is used.")
  int rise;

  @Option(
      names = "--fall",
      defaultValue = "3",
      description = "Checks to fail before a member is dropped.")
  int fall;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write here instead of stdout.")
  Path output;

  @Option(
      names = "--diff",
      paramLabel = "OLD",
      description = "Show a unified diff against OLD instead of the configuration.")
  Path diff;

  @Override
  public Integer call() {
    LbFormat lbFormat = format();
    PrintWriter err = spec.commandLine().getErr();
    if (lbFormat == LbFormat.F5_AS3 && vip == null) {
      throw UserError.invalidInput("--format f5-as3 needs --vip, the virtual address of the apps");
    }
    if (rise < 1 || fall < 1) {
      throw UserError.invalidInput("--rise and --fall must be at least 1");
    }
    List<App> apps =
        NodePortAllocation.resolveFromLock(inputs, GenerateCommand.loadOrFail(inputs, err), err);
    NodeInventory inventory = inventory(err);
    Optional<LabelSelector> memberSelector = Optional.ofNullable(selector).map(this::selector);
    String rendered;
    try {
      LoadBalancerPlan plan =
          new PlanBuilder(interval(), rise, fall)
              .build(
                  apps,
                  environment,
                  inventory,
                  memberSelector,
                  new LoadBalancerPlan.Settings(bind, httpPort, stats, Optional.ofNullable(vip)));
      rendered = lbFormat.render(plan);
    } catch (PlanException e) {
      e.problems().forEach(err::println);
      throw UserError.invalidInput("cannot render the load balancer of '" + environment + "'");
    }
    if (diff != null) {
      return printDiff(rendered);
    }
    if (output == null) {
      spec.commandLine().getOut().print(rendered);
      spec.commandLine().getOut().flush();
    } else {
      writeAtomically(output, rendered);
    }
    return ExitCodes.OK;
  }

  private int printDiff(String rendered) {
    String old;
    try {
      old = Files.readString(diff, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw UserError.invalidInput(
          diff + ": cannot read the previous configuration: " + e.getMessage());
    }
    String text = TextDiff.unified(diff.toString(), old, "rendered", rendered);
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return text.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private LbFormat format() {
    for (LbFormat candidate : LbFormat.values()) {
      if (candidate.spelling().equals(format.toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
    throw UserError.invalidInput(
        "--format: expected haproxy, nginx, f5-as3 or json, found '" + format + "'");
  }

  private NodeInventory inventory(PrintWriter err) {
    if (!Files.exists(nodes)) {
      throw UserError.invalidInput(
          nodes + ": no node inventory; pass --nodes FILE (see docs/edge.md)");
    }
    try {
      return NodeInventoryReader.read(nodes);
    } catch (SpecException e) {
      e.errors().forEach(err::println);
      throw UserError.invalidInput(e.errors().size() + " errors in the node inventory");
    }
  }

  private LabelSelector selector(String text) {
    try {
      return LabelSelector.parse(text);
    } catch (InvalidValueException e) {
      throw UserError.invalidInput("--selector: " + e.getMessage());
    }
  }

  /** HAProxy counts health-check intervals in milliseconds, so shorter ones are refused. */
  private Duration interval() {
    Duration interval;
    try {
      interval = Durations.parse(checkInterval);
    } catch (InvalidValueException e) {
      throw UserError.invalidInput("--check-interval: " + e.getMessage());
    }
    if (interval.compareTo(Duration.ofMillis(1)) < 0) {
      throw UserError.invalidInput(
          "--check-interval: '" + checkInterval + "' is below 1ms, the shortest interval");
    }
    return interval;
  }

  private static void writeAtomically(Path file, String content) {
    try {
      AtomicFile.write(file, content);
    } catch (IOException e) {
      throw UserError.environment("cannot write " + file + ": " + e.getMessage());
    }
  }
}
