package dev.minato.check.config;

import dev.minato.check.Profile;
import dev.minato.check.Severity;
import dev.minato.manifest.nodeport.NodePortRange;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a check runs: which rules ({@code profile} minus {@code disabledRules}), at which severity,
 * and the facts about the target clusters that some rules need.
 *
 * @param clusterNames names that must not appear in labels, annotations or env values
 * @param nodePortRange the clusters' NodePort range
 * @param maxWorkersPerCpu the largest worker count per requested core when no {@code
 *     minato.dev/workers-per-cpu} annotation states the intended ratio
 * @param gracePeriodMarginSeconds how much longer than the preStop drain the grace period must be
 * @param platformNamespaces namespaces that hold platform parts, not applications
 * @param productionEnvironments environment label values that mean production (compared without
 *     case), for rules that hold production to a higher bar
 */
public record CheckConfig(
    Profile profile,
    Set<String> disabledRules,
    Map<String, Severity> severityOverrides,
    List<String> clusterNames,
    NodePortRange nodePortRange,
    BigDecimal maxWorkersPerCpu,
    int gracePeriodMarginSeconds,
    Set<String> platformNamespaces,
    Set<String> productionEnvironments) {

  public static final BigDecimal DEFAULT_MAX_WORKERS_PER_CPU = new BigDecimal(4);
  public static final int DEFAULT_GRACE_PERIOD_MARGIN_SECONDS = 5;
  public static final Set<String> DEFAULT_PLATFORM_NAMESPACES =
      Set.of("kube-system", "kube-public", "kube-node-lease");
  public static final Set<String> DEFAULT_PRODUCTION_ENVIRONMENTS =
      Set.of("prd", "prod", "production");

  public CheckConfig {
    Objects.requireNonNull(profile, "profile");
    disabledRules = Set.copyOf(disabledRules);
    severityOverrides = Map.copyOf(severityOverrides);
    clusterNames = List.copyOf(clusterNames);
    Objects.requireNonNull(nodePortRange, "nodePortRange");
    Objects.requireNonNull(maxWorkersPerCpu, "maxWorkersPerCpu");
    platformNamespaces = Set.copyOf(platformNamespaces);
    productionEnvironments = Set.copyOf(productionEnvironments);
  }

  public static CheckConfig defaults() {
    return new CheckConfig(
        Profile.DEFAULT,
        Set.of(),
        Map.of(),
        List.of(),
        NodePortRange.DEFAULT,
        DEFAULT_MAX_WORKERS_PER_CPU,
        DEFAULT_GRACE_PERIOD_MARGIN_SECONDS,
        DEFAULT_PLATFORM_NAMESPACES,
        DEFAULT_PRODUCTION_ENVIRONMENTS);
  }

  public CheckConfig withProfile(Profile newProfile) {
    return new CheckConfig(
        newProfile,
        disabledRules,
        severityOverrides,
        clusterNames,
        nodePortRange,
        maxWorkersPerCpu,
        gracePeriodMarginSeconds,
        platformNamespaces,
        productionEnvironments);
  }

  public CheckConfig withClusterNames(List<String> names) {
    return new CheckConfig(
        profile,
        disabledRules,
        severityOverrides,
        names,
        nodePortRange,
        maxWorkersPerCpu,
        gracePeriodMarginSeconds,
        platformNamespaces,
        productionEnvironments);
  }

  public CheckConfig withNodePortRange(NodePortRange range) {
    return new CheckConfig(
        profile,
        disabledRules,
        severityOverrides,
        clusterNames,
        range,
        maxWorkersPerCpu,
        gracePeriodMarginSeconds,
        platformNamespaces,
        productionEnvironments);
  }

  public CheckConfig withDisabledRules(Set<String> rules) {
    return new CheckConfig(
        profile,
        rules,
        severityOverrides,
        clusterNames,
        nodePortRange,
        maxWorkersPerCpu,
        gracePeriodMarginSeconds,
        platformNamespaces,
        productionEnvironments);
  }

  public CheckConfig withSeverityOverrides(Map<String, Severity> overrides) {
    return new CheckConfig(
        profile,
        disabledRules,
        overrides,
        clusterNames,
        nodePortRange,
        maxWorkersPerCpu,
        gracePeriodMarginSeconds,
        platformNamespaces,
        productionEnvironments);
  }

  public CheckConfig withProductionEnvironments(Set<String> environments) {
    return new CheckConfig(
        profile,
        disabledRules,
        severityOverrides,
        clusterNames,
        nodePortRange,
        maxWorkersPerCpu,
        gracePeriodMarginSeconds,
        platformNamespaces,
        environments);
  }
}
