package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.manifest.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The journal of one migration: which two clusters (their identities), which plan (its hash), the
 * phases verified so far, and per object its reference and the hash of the content verified on the
 * target. It never holds an object's content: every run re-reads the objects from both clusters and
 * re-checks every phase, so the journal only tells which phases were verified before (a copy the
 * target lost since is a repair, see {@link Migrator}). Saved atomically, owner-only.
 */
public final class MigrationState {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final ClusterIdentity source;
  private final ClusterIdentity target;
  private String plan;
  private final Set<Phase> verified;
  private boolean removing;
  private Set<String> references;
  private final Map<String, String> verifiedOnTarget;

  private MigrationState(
      Path file,
      ClusterIdentity source,
      ClusterIdentity target,
      String plan,
      Set<Phase> verified,
      boolean removing,
      Set<String> references,
      Map<String, String> verifiedOnTarget) {
    this.file = file;
    this.source = source;
    this.target = target;
    this.plan = plan;
    this.verified = verified.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(verified);
    this.removing = removing;
    this.references = new TreeSet<>(references);
    this.verifiedOnTarget = new LinkedHashMap<>(verifiedOnTarget);
  }

  static MigrationState fresh(
      Path file, ClusterIdentity source, ClusterIdentity target, MigrationPlan plan) {
    return new MigrationState(
        file, source, target, plan.hash(), Set.of(), false, references(plan), Map.of());
  }

  private static Set<String> references(MigrationPlan plan) {
    Set<String> refs = new TreeSet<>();
    plan.items().forEach(item -> refs.add(item.reference()));
    return refs;
  }

  /** Whether this migration moves any object the plan moves: the same migration, re-planned. */
  boolean overlaps(MigrationPlan plan) {
    return plan.items().stream().anyMatch(item -> references.contains(item.reference()));
  }

  public Path file() {
    return file;
  }

  public String plan() {
    return plan;
  }

  public boolean verified(Phase phase) {
    return verified.contains(phase);
  }

  public Set<Phase> verifiedPhases() {
    return verified.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(verified);
  }

  /**
   * Finished: the workloads run on the target (copy, stop and create verified), and a removal that
   * was started is verified too. A finished migration is never resumed by another plan.
   */
  public boolean finished() {
    return verified.containsAll(EnumSet.of(Phase.COPY, Phase.STOP, Phase.CREATE))
        && (!removing || verified.contains(Phase.REMOVE));
  }

  boolean removing() {
    return removing;
  }

  void startRemoving() {
    removing = true;
  }

  void verify(Phase phase) {
    verified.add(phase);
  }

  /** The hash of the content verified on the target for an object, if a phase verified it. */
  Optional<String> verifiedOnTarget(MigrationItem item) {
    return Optional.ofNullable(verifiedOnTarget.get(item.reference()));
  }

  void recordOnTarget(MigrationItem item, String hash) {
    verifiedOnTarget.put(item.reference(), hash);
  }

  /** Re-plans: the same migration, now moving what the source holds now. */
  void replan(MigrationPlan newPlan) {
    plan = newPlan.hash();
    references = references(newPlan);
  }

  /** Where the state moves when re-planned; the caller deletes the old file after saving. */
  MigrationState movedTo(Path newFile) {
    return new MigrationState(
        newFile, source, target, plan, verified, removing, references, verifiedOnTarget);
  }

  /** The state in {@code file}; it must be a state of these two clusters. */
  static MigrationState load(Path file, ClusterIdentity source, ClusterIdentity target)
      throws ClusterException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw ClusterException.invalidInput(
          file + ": not a readable migration state: " + e.getMessage());
    }
    if (root == null || !"MigrationState".equals(root.path("kind").asText())) {
      throw ClusterException.invalidInput(file + ": not a migration state (kind MigrationState)");
    }
    if (!root.path("plan").isTextual() || !root.path("source").isObject()) {
      throw ClusterException.invalidInput(
          file
              + ": a migration state of an older minato, which kept object bodies (Secrets"
              + " included, in plain text); delete it (every phase is re-checked from the"
              + " clusters) and re-run");
    }
    ClusterIdentity recordedSource = identity(root.path("source"));
    ClusterIdentity recordedTarget = identity(root.path("target"));
    if (!recordedSource.sameClusterAs(source) || !recordedTarget.sameClusterAs(target)) {
      throw ClusterException.invalidInput(
          file
              + " records a migration from "
              + recordedSource.describe()
              + " to "
              + recordedTarget.describe()
              + ", not from "
              + source.describe()
              + " to "
              + target.describe()
              + "; use another --state file");
    }
    Set<Phase> verified = EnumSet.noneOf(Phase.class);
    for (JsonNode phase : root.path("verified")) {
      Phase.parse(phase.asText()).ifPresent(verified::add);
    }
    Map<String, String> hashes = new LinkedHashMap<>();
    Set<String> refs = new TreeSet<>();
    for (JsonNode item : root.path("items")) {
      refs.add(item.path("ref").asText());
      if (item.path("verifiedOnTarget").isTextual()) {
        hashes.put(item.path("ref").asText(), item.path("verifiedOnTarget").asText());
      }
    }
    return new MigrationState(
        file,
        source,
        target,
        root.path("plan").asText(),
        verified,
        root.path("removing").asBoolean(false),
        refs,
        hashes);
  }

  void save() throws ClusterException {
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", "minato.dev/v1");
    root.put("kind", "MigrationState");
    root.set("source", identity(source));
    root.set("target", identity(target));
    root.put("plan", plan);
    ArrayNode done = root.putArray("verified");
    for (Phase phase : Phase.values()) {
      if (verified.contains(phase)) {
        done.add(phase.word());
      }
    }
    root.put("removing", removing);
    ArrayNode list = root.putArray("items");
    Set<String> all = new TreeSet<>(references);
    all.addAll(verifiedOnTarget.keySet());
    for (String ref : all) {
      ObjectNode entry = list.addObject();
      entry.put("ref", ref);
      if (verifiedOnTarget.containsKey(ref)) {
        entry.put("verifiedOnTarget", verifiedOnTarget.get(ref));
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      AtomicFile.writePrivate(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw ClusterException.environment(
          "cannot save the migration state " + file + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode identity(ClusterIdentity identity) {
    ObjectNode node = JSON.createObjectNode();
    node.put("server", identity.server());
    identity.uid().ifPresent(uid -> node.put("uid", uid));
    return node;
  }

  private static ClusterIdentity identity(JsonNode node) {
    return new ClusterIdentity(
        node.path("server").asText(),
        node.path("uid").isTextual() ? Optional.of(node.path("uid").asText()) : Optional.empty());
  }

  @Override
  public String toString() {
    return file + " (plan " + plan + ", verified: " + List.copyOf(verifiedPhases()) + ")";
  }
}
