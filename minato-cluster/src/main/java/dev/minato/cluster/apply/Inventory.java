package dev.minato.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ResourceType;
import dev.minato.cluster.objects.LiveObjects;
import dev.minato.manifest.ObjectKey;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The objects minato created for one named apply, kept in a ConfigMap {@code
 * minato-inventory-<name>} as lines {@code apiVersion kind namespace name}. Only objects that did
 * not exist before minato applied them are recorded, so prune never deletes what someone else
 * created, even if a manifest later took it over.
 */
public final class Inventory {

  /** The label minato puts on every object it applies; prune requires it. */
  public static final String LABEL = "minato.dev/inventory";

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");

  private final String name;
  private final String namespace;

  public Inventory(String name, String namespace) {
    this.name = name;
    this.namespace = namespace;
  }

  /** Whether {@code name} can be an inventory name (a DNS label of at most 40 characters). */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  /** Whether {@code live} carries this inventory's label, so an apply of it created it. */
  static boolean owns(JsonNode live, String inventory) {
    return inventory.equals(live.path("metadata").path("labels").path(LABEL).asText());
  }

  public String name() {
    return name;
  }

  String configMapName() {
    return "minato-inventory-" + name;
  }

  /** The recorded entries; empty when there is no inventory yet. */
  SortedSet<Entry> load(LiveObjects live, ResourceType configMaps) {
    SortedSet<Entry> entries = new TreeSet<>();
    Optional<ObjectNode> map = live.get(configMaps, namespace, configMapName());
    map.ifPresent(
        tree -> {
          for (String line : tree.path("data").path("objects").asText("").split("\n")) {
            Entry.parse(line).ifPresent(entries::add);
          }
        });
    return entries;
  }

  void save(LiveObjects live, ResourceType configMaps, SortedSet<Entry> entries) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("apiVersion", "v1");
    tree.put("kind", "ConfigMap");
    ObjectNode metadata = tree.putObject("metadata");
    metadata.put("name", configMapName());
    metadata.put("namespace", namespace);
    metadata.putObject("labels").put("minato.dev/inventory-of", name);
    StringBuilder lines = new StringBuilder();
    entries.forEach(e -> lines.append(e.line()).append('\n'));
    tree.putObject("data").put("objects", lines.toString());
    live.apply(configMaps, tree, false);
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
