package dev.minato.render.collector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.ManifestException;
import dev.minato.spec.App;
import dev.minato.spec.PlatformLogging;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's log collector rendered from every spec's {@code logs} and {@code platform.yaml}'s
 * {@code logging}: one Fluent Bit DaemonSet for all apps, because the collector reads every pod's
 * output on its node, whichever app the pod belongs to.
 */
public final class Collector {

  private Collector() {}

  /**
   * The objects, and a warning for every masking rule Fluent Bit cannot apply.
   *
   * @param objects Namespace, ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap, DaemonSet
   * @param routedApps how many apps are routed by their {@code spec.logs}
   */
  public record Rendered(List<ObjectNode> objects, List<String> warnings, int routedApps) {
    public Rendered {
      objects = List.copyOf(objects);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Renders the collector of a cluster running {@code environment} of the apps (see {@link
   * CollectedApp#of}); {@code platformDirectory} is where platform.yaml is, which the platform's
   * ruleset path is relative to.
   */
  public static Rendered render(
      List<App> apps,
      Optional<String> environment,
      PlatformLogging platform,
      Path platformDirectory)
      throws ManifestException, CollectedApp.EnvironmentException {
    List<CollectedApp> collected = CollectedApp.of(apps, environment);
    CollectorMasking masking =
        CollectorMasking.of(
            platform.rules().map(r -> platformDirectory.resolve(r).normalize()), collected);
    Map<String, String> files = CollectorConfig.files(collected, platform, masking);
    return new Rendered(CollectorObjects.of(platform, files), masking.warnings(), collected.size());
  }
}
