package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.Suggestions;
import dev.minato.spec.ExtraObject;
import dev.minato.spec.Patch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the way out of the spec: {@code patches} (RFC 6902 operations or a merge tree, each aimed
 * at one kind of object minato renders) and {@code extraObjects} (any Kubernetes object). Whether a
 * patch's target exists and its paths resolve is known only once objects are rendered; the renderer
 * reports that, at the positions kept here.
 */
final class Customizations {

  private static final Set<String> NEEDS_VALUE = Set.of("add", "replace", "test");
  private static final Set<String> NEEDS_FROM = Set.of("move", "copy");

  private Customizations() {}

  static List<Patch> patches(Section parent) {
    List<Patch> patches = new ArrayList<>();
    for (Section patch : parent.sectionList("patches")) {
      patch(patch).ifPresent(patches::add);
    }
    return List.copyOf(patches);
  }

  private static Optional<Patch> patch(Section patch) {
    Optional<Section> target = patch.section("target");
    Optional<String> kind = Optional.empty();
    Optional<String> name = Optional.empty();
    if (target.isEmpty()) {
      if (!patch.has("target")) {
        patch.errorHere("missing required field 'target', e.g. target: {kind: Deployment}");
      }
    } else {
      Section t = target.get();
      if (!t.has("kind")) {
        t.errorHere(
            "missing required field 'kind', one of the kinds minato renders: "
                + String.join(", ", Patch.KINDS));
      }
      kind = t.choice("kind", kinds());
      name = t.string("name");
      name.filter(n -> !Names.dnsSubdomain(n))
          .ifPresent(n -> t.error("name", "'" + n + "' is not an object name"));
      t.finish();
    }
    boolean hasOps = patch.has("jsonPatch");
    boolean hasMerge = patch.has("merge");
    List<Patch.Operation> operations = hasOps ? operations(patch) : List.of();
    Optional<ObjectNode> merge = Optional.empty();
    if (hasMerge) {
      JsonNode tree = patch.raw("merge").orElseThrow();
      if (!tree.isObject()) {
        patch.error(
            "merge",
            "expected a mapping shaped like the object, e.g. merge: {metadata: {annotations:"
                + " {…}}}, found "
                + Section.describe(tree));
      } else {
        merge = Optional.of((ObjectNode) tree.deepCopy());
      }
    }
    if (hasOps == hasMerge) {
      patch.errorHere(
          hasOps
              ? "a patch is either jsonPatch or merge, not both; split it in two patches"
              : "a patch needs jsonPatch (RFC 6902 operations) or merge (a partial object)");
    }
    if (hasOps
        && operations.isEmpty()
        && patch.raw("jsonPatch").filter(JsonNode::isArray).map(JsonNode::isEmpty).orElse(false)) {
      patch.error(
          "jsonPatch", "expected at least one operation, e.g. [{op: add, path: …, value: …}]");
    }
    patch.finish();
    if (kind.isEmpty() || (operations.isEmpty() && merge.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        new Patch(
            kind.get(),
            name,
            target.map(Section::position).orElseGet(patch::position),
            operations,
            merge,
            patch.position(),
            patch.field(),
            false));
  }

  private static List<Patch.Operation> operations(Section patch) {
    List<Patch.Operation> operations = new ArrayList<>();
    boolean valid = true;
    for (Section op : patch.sectionList("jsonPatch")) {
      Optional<String> name = op.requiredString("op", "add");
      name.filter(n -> !Patch.OPS.contains(n))
          .ifPresent(
              n ->
                  op.error(
                      "op",
                      "expected one of "
                          + String.join(", ", Patch.OPS)
                          + " (RFC 6902), found '"
                          + n
                          + "'"
                          + Suggestions.didYouMean(n, Patch.OPS)));
      Optional<String> path = pointer(op, "path");
      Optional<String> from = Optional.empty();
      String o = name.orElse("");
      if (NEEDS_FROM.contains(o)) {
        if (!op.has("from")) {
          op.errorHere("'" + o + "' needs from, the JSON pointer it takes the value from");
        }
        from = pointer(op, "from");
      } else if (op.has("from")) {
        op.error("from", "only move and copy take from");
      }
      boolean hasValue = op.node().has("value");
      op.raw("value");
      if (NEEDS_VALUE.contains(o) && !hasValue) {
        op.errorHere("'" + o + "' needs value, e.g. value: {name: proxy}");
      } else if (!NEEDS_VALUE.contains(o) && hasValue && Patch.OPS.contains(o)) {
        op.error("value", "'" + o + "' takes no value");
      }
      op.finish();
      if (name.isEmpty() || !Patch.OPS.contains(o) || path.isEmpty()) {
        valid = false;
        continue;
      }
      ObjectNode json = op.node().deepCopy();
      operations.add(new Patch.Operation(json, op.position(), op.field()));
    }
    return valid ? List.copyOf(operations) : List.of();
  }

  /** A JSON pointer (RFC 6901): empty for the whole object, else starting with '/'. */
  private static Optional<String> pointer(Section op, String field) {
    Optional<String> pointer = op.requiredString(field, "/spec/template/metadata/annotations");
    if (pointer.isPresent() && !pointer.get().isEmpty() && !pointer.get().startsWith("/")) {
      op.error(
          field,
          "expected a JSON pointer starting with '/', e.g. /spec/replicas, found '"
              + pointer.get()
              + "'");
      return Optional.empty();
    }
    return pointer;
  }

  static List<ExtraObject> extraObjects(Section parent) {
    List<ExtraObject> objects = new ArrayList<>();
    for (Section object : parent.sectionList("extraObjects")) {
      Optional<String> apiVersion = object.requiredString("apiVersion", "networking.k8s.io/v1");
      Optional<String> kind = object.requiredString("kind", "NetworkPolicy");
      kind.filter(k -> !k.matches("[A-Z][A-Za-z0-9]*"))
          .ifPresent(k -> object.error("kind", "'" + k + "' is not a kind, e.g. NetworkPolicy"));
      Optional<Section> metadata = object.section("metadata");
      Optional<String> name = Optional.empty();
      if (metadata.isEmpty()) {
        if (!object.has("metadata")) {
          object.errorHere("missing required field 'metadata', e.g. metadata: {name: shop-api}");
        }
      } else {
        Section m = metadata.get();
        name = m.requiredString("name", "shop-api-ingress");
        name.filter(n -> !Names.dnsSubdomain(n))
            .ifPresent(
                n ->
                    m.error(
                        "name",
                        "'"
                            + n
                            + "' is not an object name (lower-case letters, digits, '-' and"
                            + " '.', at most 253)"));
        m.raw("namespace")
            .ifPresent(
                ns ->
                    m.error(
                        "namespace",
                        "an extra object goes to the app's namespace, as minato's own do;"
                            + " remove metadata.namespace"));
        m.rawFieldNames();
      }
      object.rawFieldNames();
      if (apiVersion.isPresent() && kind.isPresent() && name.isPresent()) {
        objects.add(
            new ExtraObject(
                (ObjectNode) object.node().deepCopy(), object.position(), object.field()));
      }
    }
    return List.copyOf(objects);
  }

  private static Map<String, String> kinds() {
    Map<String, String> kinds = new LinkedHashMap<>();
    Patch.KINDS.forEach(k -> kinds.put(k, k));
    return kinds;
  }
}
