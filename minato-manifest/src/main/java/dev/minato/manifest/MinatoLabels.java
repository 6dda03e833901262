package dev.minato.manifest;

/**
 * The labels by which every minato command recognises what {@code generate} rendered: the app an
 * object belongs to and the environment it was rendered for. {@code check} relates objects only
 * within one environment, {@code apply} names its inventory after both and refuses to prune an
 * object of another app, so the three must read the same keys.
 */
public final class MinatoLabels {

  /** The app's name, the Kubernetes recommended label. */
  public static final String APP = "app.kubernetes.io/name";

  /** The environment an object was rendered for; never on selectors, so it can change. */
  public static final String ENVIRONMENT = "minato.dev/environment";

  /**
   * Marks the ConfigMap in which {@code apply} records what it applied: minato's bookkeeping, not
   * an object of any app, so check and drift leave it out.
   */
  public static final String INVENTORY_OF = "minato.dev/inventory-of";

  /**
   * Pod annotations carrying {@code spec.logs}: the stream the collector routes the pod's lines to
   * and, when declared, their format. {@code generate} writes them and {@code check} reads them.
   */
  public static final String LOG_STREAM = "minato.dev/log-stream";

  public static final String LOG_FORMAT = "minato.dev/log-format";

  private MinatoLabels() {}
}
