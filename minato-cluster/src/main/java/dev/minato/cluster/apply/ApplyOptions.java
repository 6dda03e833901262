package dev.minato.cluster.apply;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to apply. Built with {@link #into(Inventory)} and the {@code with...} methods, so a call
 * reads as what it asks for.
 *
 * @param dryRun whether and where the apply is only checked
 * @param diff compute the change object by object (a server dry run: nothing is stored)
 * @param prune delete objects this inventory created that left the input
 * @param inventory the set of objects this apply owns and where its record lives
 * @param input the input as the inventory records it ({@code -k overlays/prd}), to recognise an
 *     inventory written for another input
 * @param adoptInventory accept an inventory written for another input or in another cluster, and
 *     record this input and cluster in it
 * @param namespace {@code -n}: the namespace of namespaced objects that name none, if given
 * @param contextNamespace the namespace when {@code -n} is not given (the context's)
 * @param forceNamespace let {@code -n} replace the namespace objects name themselves
 * @param rolloutTimeout how long to wait for rollouts, empty for not waiting
 */
public record ApplyOptions(
    DryRun dryRun,
    boolean diff,
    boolean prune,
    Inventory inventory,
    String input,
    boolean adoptInventory,
    Optional<String> namespace,
    String contextNamespace,
    boolean forceNamespace,
    Optional<Duration> rolloutTimeout) {

  public ApplyOptions {
    Objects.requireNonNull(dryRun, "dryRun");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(contextNamespace, "contextNamespace");
    Objects.requireNonNull(rolloutTimeout, "rolloutTimeout");
  }

  /** A real apply into {@code inventory}, no prune, no wait, namespaces from the context. */
  public static ApplyOptions into(Inventory inventory) {
    return new Builder(inventory).build();
  }

  public ApplyOptions withDryRun(DryRun value) {
    Builder builder = toBuilder();
    builder.dryRun = value;
    return builder.build();
  }

  public ApplyOptions withDiff() {
    Builder builder = toBuilder();
    builder.diff = true;
    return builder.build();
  }

  public ApplyOptions withPrune() {
    Builder builder = toBuilder();
    builder.prune = true;
    return builder.build();
  }

  /** The input as the inventory records it, and whether to adopt an inventory of another. */
  public ApplyOptions withInput(String recorded, boolean adopt) {
    Builder builder = toBuilder();
    builder.input = recorded;
    builder.adoptInventory = adopt;
    return builder.build();
  }

  /** {@code -n} (empty when not given), the context's namespace, and {@code --force-namespace}. */
  public ApplyOptions withNamespaces(Optional<String> given, String context, boolean force) {
    Builder builder = toBuilder();
    builder.namespace = given;
    builder.contextNamespace = context;
    builder.forceNamespace = force;
    return builder.build();
  }

  public ApplyOptions withRolloutTimeout(Duration timeout) {
    Builder builder = toBuilder();
    builder.rolloutTimeout = Optional.of(timeout);
    return builder.build();
  }

  private Builder toBuilder() {
    Builder builder = new Builder(inventory);
    builder.dryRun = dryRun;
    builder.diff = diff;
    builder.prune = prune;
    builder.input = input;
    builder.adoptInventory = adoptInventory;
    builder.namespace = namespace;
    builder.contextNamespace = contextNamespace;
    builder.forceNamespace = forceNamespace;
    builder.rolloutTimeout = rolloutTimeout;
    return builder;
  }

  /** The values being changed; only the {@code with...} methods see it. */
  private static final class Builder {
    private final Inventory inventory;
    private DryRun dryRun = DryRun.NONE;
    private boolean diff;
    private boolean prune;
    private String input = "";
    private boolean adoptInventory;
    private Optional<String> namespace = Optional.empty();
    private String contextNamespace = "default";
    private boolean forceNamespace;
    private Optional<Duration> rolloutTimeout = Optional.empty();

    Builder(Inventory inventory) {
      this.inventory = inventory;
    }

    ApplyOptions build() {
      return new ApplyOptions(
          dryRun,
          diff,
          prune,
          inventory,
          input,
          adoptInventory,
          namespace,
          contextNamespace,
          forceNamespace,
          rolloutTimeout);
    }
  }

  /** The namespace of namespaced objects that name none. */
  public String defaultNamespace() {
    return namespace.orElse(contextNamespace);
  }

  /** Whether the server must keep nothing. */
  public boolean storesNothing() {
    return dryRun != DryRun.NONE || diff;
  }
}
