package dev.minato.cluster.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.manifest.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The progress of a migration, saved after every verified phase (atomically: temp file and rename),
 * with the plan as it was before anything changed. A run that finds a state file resumes after the
 * last completed phase and uses the saved plan, since the source has changed since (downtime-ok
 * workloads scaled to zero, for one).
 */
public final class MigrationState {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String source;
  private final String target;
  private final List<MigrationItem> items;
  private final Set<Phase> completed;

  MigrationState(String source, String target, List<MigrationItem> items, Set<Phase> completed) {
    this.source = source;
    this.target = target;
    this.items = List.copyOf(items);
    this.completed = completed.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(completed);
  }

  public List<MigrationItem> items() {
    return items;
  }

  public boolean done(Phase phase) {
    return completed.contains(phase);
  }

  public Set<Phase> completed() {
    return EnumSet.copyOf(completed.isEmpty() ? EnumSet.noneOf(Phase.class) : completed);
  }

  void complete(Phase phase) {
    completed.add(phase);
  }

  /** The state in {@code file}, if it exists; it must be for the same two clusters. */
  static Optional<MigrationState> load(Path file, String source, String target)
      throws ClusterException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw ClusterException.invalidInput(
          file + ": not a readable migration state: " + e.getMessage());
    }
    if (!"MigrationState".equals(root.path("kind").asText())) {
      throw ClusterException.invalidInput(file + ": not a migration state (kind MigrationState)");
    }
    if (!source.equals(root.path("source").asText())
        || !target.equals(root.path("target").asText())) {
      throw ClusterException.invalidInput(
          file
              + " records a migration from "
              + root.path("source").asText()
              + " to "
              + root.path("target").asText()
              + ", not from "
              + source
              + " to "
              + target
              + "; use another --state file");
    }
    Set<Phase> completed = EnumSet.noneOf(Phase.class);
    for (JsonNode phase : root.path("completed")) {
      Phase.parse(phase.asText()).ifPresent(completed::add);
    }
    List<MigrationItem> items = new ArrayList<>();
    for (JsonNode item : root.path("items")) {
      items.add(
          new MigrationItem(
              MigrationPolicy.parse(item.path("policy").asText("")),
              (ObjectNode) item.path("object")));
    }
    return Optional.of(new MigrationState(source, target, items, completed));
  }

  void save(Path file) throws ClusterException {
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", "minato.dev/v1");
    root.put("kind", "MigrationState");
    root.put("source", source);
    root.put("target", target);
    ArrayNode done = root.putArray("completed");
    for (Phase phase : Phase.values()) {
      if (completed.contains(phase)) {
        done.add(phase.word());
      }
    }
    ArrayNode list = root.putArray("items");
    for (MigrationItem item : items) {
      ObjectNode entry = list.addObject();
      entry.put("policy", item.policy().map(MigrationPolicy::label).orElse(""));
      entry.set("object", item.object());
    }
    try {
      AtomicFile.write(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw ClusterException.environment(
          "cannot save the migration state " + file + ": " + e.getMessage(), e);
    }
  }
}
