package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.manifest.MinatoLabels;
import dev.minato.manifest.ObjectKey;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The objects minato created for one named set of manifests (an app in one environment), kept in a
 * ConfigMap {@code minato-inventory-<name>} in the objects' own namespace, as lines {@code
 * apiVersion kind namespace name}. Only objects that did not exist before minato applied them are
 * recorded, so prune never deletes what someone else created, even if a manifest later took it
 * over. The record also says which cluster and which input it was written for, so an inventory
 * copied to another cluster or reached from another input is refused instead of trusted.
 *
 * @param name the inventory's name, unique per app and environment
 * @param namespace where its ConfigMap lives; empty until it is placed with the objects
 */
public record Inventory(String name, String namespace) {

  /** The label minato puts on every object it applies; prune requires it. */
  public static final String LABEL = "minato.dev/inventory";

  /** The label of the inventory ConfigMap itself. */
  public static final String RECORD_LABEL = MinatoLabels.INVENTORY_OF;

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");

  public Inventory {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
  }

  /** An inventory whose namespace is chosen from the objects it holds. */
  public static Inventory named(String name) {
    return new Inventory(name, "");
  }

  /** Whether {@code name} can be an inventory name (a DNS label of at most 40 characters). */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  /** The inventory {@code live} is labelled for, empty when none. */
  static String claimOf(JsonNode live) {
    return live.path("metadata").path("labels").path(LABEL).asText("");
  }

  /** Whether {@code live} carries this inventory's label, so an apply of it created it. */
  boolean owns(JsonNode live) {
    return name.equals(claimOf(live));
  }

  Inventory placedIn(String chosen) {
    return new Inventory(name, chosen);
  }

  String configMapName() {
    return "minato-inventory-" + name;
  }

  /** {@code ConfigMap/<namespace>/minato-inventory-<name>}, for messages. */
  public String describe() {
    return "ConfigMap/" + namespace + "/" + configMapName();
  }

  /** What the cluster holds for this inventory; empty when there is none yet. */
  Optional<Record> load(LiveObjects live, ResourceType configMaps) {
    return live.get(configMaps, namespace, configMapName()).map(Record::of);
  }

  void save(LiveObjects live, ResourceType configMaps, Record record) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("apiVersion", "v1");
    tree.put("kind", "ConfigMap");
    ObjectNode metadata = tree.putObject("metadata");
    metadata.put("name", configMapName());
    metadata.put("namespace", namespace);
    metadata.putObject("labels").put(RECORD_LABEL, name);
    ObjectNode data = tree.putObject("data");
    StringBuilder lines = new StringBuilder();
    record.entries().forEach(e -> lines.append(e.line()).append('\n'));
    data.put("objects", lines.toString());
    record.cluster().ifPresent(c -> data.put("cluster", c));
    record.server().ifPresent(s -> data.put("server", s));
    record.input().ifPresent(i -> data.put("input", i));
    live.apply(configMaps, tree, false);
  }

  /**
   * What an inventory ConfigMap says. {@code cluster}, {@code server} and {@code input} are empty
   * in inventories written before minato recorded them.
   *
   * @param entries the objects minato created
   * @param cluster the identity key of the cluster it was written in ({@link ClusterIdentity#key})
   * @param server the API server URL it was written through, for messages
   * @param input the input it was written for, as {@link ApplyOptions#input()}
   */
  record Record(
      SortedSet<Entry> entries,
      Optional<String> cluster,
      Optional<String> server,
      Optional<String> input) {

    static Record of(JsonNode configMap) {
      SortedSet<Entry> entries = new TreeSet<>();
      JsonNode data = configMap.path("data");
      for (String line : data.path("objects").asText("").split("\n")) {
        Entry.parse(line).ifPresent(entries::add);
      }
      return new Record(entries, text(data, "cluster"), text(data, "server"), text(data, "input"));
    }

    static Record fresh(ClusterIdentity identity, String input, SortedSet<Entry> entries) {
      return new Record(
          entries, Optional.of(identity.key()), Optional.of(identity.server()), Optional.of(input));
    }

    private static Optional<String> text(JsonNode data, String field) {
      String value = data.path(field).asText("");
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
  }

  /** One recorded object. */
  record Entry(String apiVersion, String kind, String namespace, String name)
      implements Comparable<Entry> {

    static Optional<Entry> parse(String line) {
      String[] parts = line.strip().split(" ");
      if (parts.length != 4) {
        return Optional.empty();
      }
      return Optional.of(
          new Entry(parts[0], parts[1], parts[2].equals("-") ? "" : parts[2], parts[3]));
    }

    static Entry of(JsonNode tree) {
      return new Entry(
          tree.path("apiVersion").asText(),
          tree.path("kind").asText(),
          tree.path("metadata").path("namespace").asText(""),
          tree.path("metadata").path("name").asText());
    }

    ObjectKey key() {
      int slash = apiVersion.indexOf('/');
      return new ObjectKey(slash < 0 ? "" : apiVersion.substring(0, slash), kind, namespace, name);
    }

    String line() {
      return apiVersion + " " + kind + " " + (namespace.isEmpty() ? "-" : namespace) + " " + name;
    }

    @Override
    public int compareTo(Entry other) {
      return line().compareTo(other.line());
    }
  }
}
