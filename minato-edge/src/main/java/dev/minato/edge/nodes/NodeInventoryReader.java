package dev.minato.edge.nodes;

import dev.minato.manifest.Document;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import dev.minato.manifest.network.NetworkNames;
import dev.minato.manifest.selector.LabelSelector;
import dev.minato.spec.read.Diagnostics;
import dev.minato.spec.read.Locator;
import dev.minato.spec.read.Section;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a node inventory:
 *
 * <pre>
 * apiVersion: minato.dev/v1
 * kind: NodeInventory
 * environment: prd                 # optional; checked against --env
 * selector: node-role.kubernetes.io/worker   # optional default member selector
 * nodes:
 *   - {name: node-a, address: 10.0.1.11, zone: a, labels: {node-role.kubernetes.io/worker: ""}}
 * </pre>
 */
public final class NodeInventoryReader {

  public static final String KIND = "NodeInventory";

  private NodeInventoryReader() {}

  public static NodeInventory read(Path file) throws SpecException {
    List<Document> documents;
    try {
      documents = YamlReader.read(file);
    } catch (ManifestException e) {
      throw new SpecException(List.of(new SpecError(e.position(), "", e.getMessage())));
    }
    Diagnostics diagnostics = new Diagnostics();
    if (documents.size() != 1 || !documents.get(0).root().isObject()) {
      throw new SpecException(
          List.of(
              new SpecError(
                  documents.isEmpty()
                      ? dev.minato.manifest.SourcePosition.ofSource(file.toString())
                      : documents.get(0).start(),
                  "",
                  "expected one mapping with kind: " + KIND)));
    }
    Document document = documents.get(0);
    Section root =
        new Section(document.root(), "", "", Locator.at(document.positions(), ""), diagnostics);
    root.requiredString("apiVersion", "minato.dev/v1")
        .filter(v -> !v.equals("minato.dev/v1"))
        .ifPresent(v -> root.error("apiVersion", "expected 'minato.dev/v1', found '" + v + "'"));
    root.requiredString("kind", KIND)
        .filter(k -> !k.equals(KIND))
        .ifPresent(k -> root.error("kind", "expected '" + KIND + "', found '" + k + "'"));
    Optional<String> environment = root.string("environment");
    environment
        .flatMap(NetworkNames::nameProblem)
        .ifPresent(p -> root.error("environment", "environment " + p));
    LabelSelector selector = LabelSelector.EVERYTHING;
    Optional<String> selectorText = root.string("selector");
    if (selectorText.isPresent()) {
      try {
        selector = LabelSelector.parse(selectorText.get());
      } catch (InvalidValueException e) {
        root.error("selector", e.getMessage());
      }
    }
    List<Node> nodes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    List<Section> entries = root.sectionList("nodes");
    if (!root.has("nodes")) {
      root.errorHere("missing required field 'nodes', a list of {name, address, zone, labels}");
    }
    for (Section entry : entries) {
      Optional<String> name = entry.requiredString("name", "node-a");
      Optional<String> address = entry.requiredString("address", "10.0.1.11");
      Optional<String> zone = entry.string("zone");
      java.util.Map<String, String> labels = entry.stringMap("labels");
      entry.finish();
      // Names, addresses and zones are written into load-balancer configurations.
      name.flatMap(NetworkNames::hostNameProblem)
          .ifPresent(p -> entry.error("name", "node name " + p));
      address.flatMap(NetworkNames::addressProblem).ifPresent(p -> entry.error("address", p));
      zone.flatMap(NetworkNames::nameProblem).ifPresent(p -> entry.error("zone", "zone " + p));
      name.filter(n -> !names.add(n))
          .ifPresent(n -> entry.error("name", "node '" + n + "' is listed twice"));
      address
          .filter(a -> !addresses.add(a))
          .ifPresent(a -> entry.error("address", "address " + a + " is listed twice"));
      if (name.isPresent() && address.isPresent()) {
        nodes.add(new Node(name.get(), address.get(), zone, labels));
      }
    }
    root.finish();
    if (!diagnostics.isEmpty()) {
      throw new SpecException(diagnostics.errors());
    }
    return new NodeInventory(file.toString(), environment, selector, List.copyOf(nodes));
  }
}
