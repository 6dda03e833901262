package dev.minato.render.collector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.PlatformLogging;
import java.util.List;
import java.util.Map;

/**
 * The cluster's log collector rendered from every spec's {@code logs} and {@code platform.yaml}'s
 * {@code logging}: one Fluent Bit DaemonSet for all apps, because the collector reads every pod's
 * output on its node, whichever app the pod belongs to.
 */
public final class Collector {

  private Collector() {}

  public static List<ObjectNode> render(List<App> apps, PlatformLogging platform) {
    List<CollectedApp> collected = CollectedApp.of(apps);
    Map<String, String> files = CollectorConfig.files(collected, platform, List.of());
    return CollectorObjects.of(platform, files);
  }
}
