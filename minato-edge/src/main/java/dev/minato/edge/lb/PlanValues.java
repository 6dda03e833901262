package dev.minato.edge.lb;

import dev.minato.manifest.network.NetworkNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every value of a plan that a renderer writes into a device's configuration, checked against what
 * the formats can hold. Specs and node inventories are checked where they are read, with their
 * positions; this is the last line of defence for a plan built another way (a library caller, a
 * command-line flag), so that no renderer ever writes a value that starts a directive of its own.
 */
final class PlanValues {

  private static final Pattern LISTEN =
      Pattern.compile("(\\[([^\\]]*)\\]|([^\\[\\]]*)):([0-9]{1,5})");

  private PlanValues() {}

  /** Every unsafe value of {@code plan}, each named by where it is; empty when all are safe. */
  static List<String> problems(LoadBalancerPlan plan) {
    List<String> problems = new ArrayList<>();
    add(problems, "environment", NetworkNames.nameProblem(plan.environment()));
    LoadBalancerPlan.Settings settings = plan.settings();
    if (!settings.bindAddress().equals("*")) {
      add(problems, "bind address", NetworkNames.addressProblem(settings.bindAddress()));
    }
    add(problems, "statistics address", listenProblem(settings.statsBind()));
    settings
        .virtualAddress()
        .ifPresent(v -> add(problems, "virtual address", NetworkNames.addressProblem(v)));
    for (Backend backend : plan.backends()) {
      String app = "app " + NetworkNames.shown(backend.app());
      add(problems, "app name", NetworkNames.nameProblem(backend.app()));
      backend.host().ifPresent(h -> add(problems, app + ": host", NetworkNames.hostNameProblem(h)));
      backend
          .check()
          .path()
          .ifPresent(p -> add(problems, app + ": check path", NetworkNames.urlPathProblem(p)));
      backend
          .check()
          .grpcService()
          .ifPresent(s -> add(problems, app + ": gRPC service", NetworkNames.nameProblem(s)));
      for (Member member : backend.members()) {
        add(problems, app + ": node name", NetworkNames.hostNameProblem(member.name()));
        add(problems, app + ": node address", NetworkNames.addressProblem(member.address()));
        member
            .zone()
            .ifPresent(z -> add(problems, app + ": node zone", NetworkNames.nameProblem(z)));
      }
    }
    return problems.stream().distinct().toList();
  }

  /** Throws with every problem when {@code plan} holds a value no renderer may write. */
  static void requireSafe(LoadBalancerPlan plan) throws PlanException {
    List<String> problems = problems(plan);
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
  }

  /** {@code ADDR:PORT}, {@code [IPv6]:PORT} or {@code :PORT}. */
  private static Optional<String> listenProblem(String text) {
    Matcher m = LISTEN.matcher(text);
    String expected = " is not ADDR:PORT (e.g. 127.0.0.1:8404)";
    if (!m.matches() || Integer.parseInt(m.group(4)) > 65535) {
      return Optional.of(NetworkNames.shown(text) + expected);
    }
    String address = m.group(2) != null ? m.group(2) : m.group(3);
    if (address.isEmpty() || (address.equals("*") && m.group(2) == null)) {
      return Optional.empty();
    }
    return NetworkNames.addressProblem(address)
        .map(p -> NetworkNames.shown(text) + expected + ": " + p);
  }

  private static void add(List<String> problems, String what, Optional<String> problem) {
    problem.ifPresent(p -> problems.add(what + ": " + p));
  }
}
