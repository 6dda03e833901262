package dev.minato.check.rules;

import dev.minato.check.Rule;
import dev.minato.check.RuleInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every rule minato knows, in the order {@code --list-rules} prints them. */
public final class Catalog {

  private static final List<Rule> RULES =
      List.of(
          new ImageTagPinned(),
          new ResourcesRequests(),
          new MemoryLimit(),
          ServingProbe.LIVENESS,
          ServingProbe.READINESS,
          new ProbePort(),
          new StartupBudget(),
          new GracefulShutdown(),
          new PdbPresent(),
          new PdbAllowsEviction(),
          new HpaCpuRequest(),
          new HpaReplicasConflict(),
          new SelectorMatch(),
          new WorkersFollowCpu(),
          new MigrationPolicyStated(),
          new NoStatefulWorkloads(),
          new CronJobConcurrency(),
          new NoPlaintextSecret(),
          new NoClusterName(),
          new NodePortInRange(),
          new NodePortUnique(),
          new DeprecatedApi(),
          ContainerSecurity.RUN_AS_NON_ROOT,
          ContainerSecurity.NO_PRIVILEGED,
          ContainerSecurity.NO_PRIVILEGE_ESCALATION,
          ContainerSecurity.READ_ONLY_ROOT_FS,
          ContainerSecurity.DROP_CAPABILITIES,
          new HostNamespaces(),
          new IngressBackend(),
          new ServiceTargetPort(),
          new ReferenceExists(),
          new NoDuplicateEnv(),
          new ProductionReplicas(),
          new ReplicasSpread(),
          new RollingUpdate(),
          new NoHostPort(),
          new LogFileRotated(),
          new LogFormatDeclared(),
          new MetricsScraped(),
          new AlertRunbook(),
          new SloErrorBudget(),
          new InvalidSuppression());

  private static final Set<String> IDS = ids(RULES);

  private Catalog() {}

  public static List<Rule> rules() {
    return RULES;
  }

  public static List<RuleInfo> infos() {
    return RULES.stream().map(Rule::info).toList();
  }

  /** Every rule id, in catalogue order. */
  public static Set<String> ids() {
    return IDS;
  }

  public static Optional<Rule> rule(String id) {
    return RULES.stream().filter(rule -> rule.info().id().equals(id)).findFirst();
  }

  private static Set<String> ids(List<Rule> rules) {
    Set<String> ids = new LinkedHashSet<>();
    rules.forEach(rule -> ids.add(rule.info().id()));
    return Set.copyOf(ids);
  }
}
