package dev.minato.render.objects;

import dev.minato.manifest.MinatoLabels;
import dev.minato.manifest.migration.MigrationPolicy;
import dev.minato.spec.App;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels minato puts on what it renders. Selectors use only the app name and the component,
 * which never change, because a Deployment's selector is immutable: environment, team and policy
 * labels can change without recreating anything.
 */
public final class Labels {

  public static final String NAME = MinatoLabels.APP;
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String TEAM = "minato.dev/team";
  public static final String ENVIRONMENT = MinatoLabels.ENVIRONMENT;
  public static final String JOB = "minato.dev/job";
  public static final String MANAGER = "minato";

  private Labels() {}

  /** The selector of an app's component: what its Service, PDB and monitors select. */
  public static Map<String, String> selector(App app, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, app.name());
    labels.put(COMPONENT, component);
    return labels;
  }

  /** Every label of an object of the app's component. */
  public static Map<String, String> of(App app, String component) {
    Map<String, String> labels = selector(app, component);
    labels.put(MANAGED_BY, MANAGER);
    app.team().ifPresent(team -> labels.put(TEAM, team));
    labels.putAll(app.labels());
    return labels;
  }

  /** The labels of a workload and its pods, which also say how the workload may move. */
  public static Map<String, String> workload(App app, String component, MigrationPolicy migration) {
    Map<String, String> labels = of(app, component);
    labels.put(MigrationPolicy.KEY, migration.spelling());
    return labels;
  }
}
