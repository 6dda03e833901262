package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving containers drain before they stop, and the pod's grace period outlasts the drain.
 *
 * <p>Endpoints are removed asynchronously: for a few seconds after a pod starts terminating,
 * proxies still send it requests. A preStop sleep keeps the process serving through that time, and
 * it only helps if {@code terminationGracePeriodSeconds} leaves room after it for the app to finish
 * in-flight work; otherwise the kubelet kills the process mid-request.
 */
final class GracefulShutdown extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "graceful-shutdown",
          Severity.ERROR,
          "serving containers drain in preStop and the grace period exceeds drain + margin");

  private static final Pattern SHELL_SLEEP =
      Pattern.compile("^\\s*(?:exec\\s+)?sleep\\s+(\\d+)s?\\s*$");
  private static final int DEFAULT_GRACE_SECONDS = 30;

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    if (!workload.longRunning()) {
      return;
    }
    int longestDrain = -1;
    String drainedBy = "";
    for (Container container : workload.containers()) {
      if (!context.inventory().serves(workload, container)) {
        continue;
      }
      JsonNode preStop = container.path("lifecycle").path("preStop");
      if (!preStop.isObject()) {
        context.report(
            workload.object(),
            container.pointer(""),
            subject(workload, container)
                + " has no lifecycle.preStop drain; requests still routed to it while endpoints"
                + " update are dropped at shutdown (add a preStop sleep of a few seconds)");
        continue;
      }
      OptionalInt drain = drainSeconds(preStop);
      if (drain.isPresent() && drain.getAsInt() > longestDrain) {
        longestDrain = drain.getAsInt();
        drainedBy = container.name();
      }
    }
    if (longestDrain < 0) {
      return;
    }
    String gracePointer = workload.podSpecPointer() + "/terminationGracePeriodSeconds";
    JsonNode graceNode = workload.podSpec().path("terminationGracePeriodSeconds");
    int grace = seconds(graceNode).orElse(DEFAULT_GRACE_SECONDS);
    int margin = context.config().gracePeriodMarginSeconds();
    int needed = longestDrain + margin;
    if (grace < needed) {
      context.report(
          workload.object(),
          graceNode.isMissingNode() ? workload.podSpecPointer() : gracePointer,
          workload.object().key()
              + " terminationGracePeriodSeconds is "
              + grace
              + (graceNode.isMissingNode() ? " (the default)" : "")
              + " but container '"
              + drainedBy
              + "' drains for "
              + longestDrain
              + "s in preStop; it needs at least "
              + needed
              + " (drain "
              + longestDrain
              + " + margin "
              + margin
              + ") or the app is killed before it finishes in-flight requests");
    }
  }

  /**
   * The drain a preStop hook waits, when it is a recognisable sleep: the native {@code sleep}
   * action, {@code exec: [sleep, N]}, or {@code exec: [sh, -c, "sleep N"]}. Any other hook is a
   * custom drain whose length cannot be known, so it passes without arithmetic.
   */
  static OptionalInt drainSeconds(JsonNode preStop) {
    JsonNode sleep = preStop.path("sleep").path("seconds");
    if (!sleep.isMissingNode()) {
      return seconds(sleep);
    }
    JsonNode command = preStop.path("exec").path("command");
    if (!command.isArray() || command.isEmpty()) {
      return OptionalInt.empty();
    }
    String program = command.get(0).asText("");
    if ((program.equals("sleep") || program.endsWith("/sleep")) && command.size() == 2) {
      Matcher matcher = SHELL_SLEEP.matcher("sleep " + command.get(1).asText(""));
      return matcher.matches()
          ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
          : OptionalInt.empty();
    }
    if (command.size() == 3 && command.get(1).asText("").equals("-c")) {
      Matcher matcher = SHELL_SLEEP.matcher(command.get(2).asText(""));
      if (matcher.matches()) {
        return OptionalInt.of(Integer.parseInt(matcher.group(1)));
      }
    }
    return OptionalInt.empty();
  }

  /** Whole seconds from a number, or from a numeric string as some generators write them. */
  private static OptionalInt seconds(JsonNode node) {
    if (node.isIntegralNumber()) {
      return OptionalInt.of(node.intValue());
    }
    if (node.isTextual()) {
      try {
        return OptionalInt.of(Integer.parseInt(node.asText().strip()));
      } catch (NumberFormatException e) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }
}
