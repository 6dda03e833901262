package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the API discovery requests ({@code /api}, {@code /api/v1}, {@code /apis}, {@code
 * /apis/<group>}, {@code /apis/<group>/<version>}) from the built-in types plus the
 * CustomResourceDefinitions currently stored, the way a real API server does, so that clients find
 * custom resources without being told about them.
 */
final class Discovery {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final List<BuiltinResources.Type> types;

  private Discovery(List<BuiltinResources.Type> types) {
    this.types = types;
  }

  /** Discovery over the built-in types and the served versions of the given CRD objects. */
  static Discovery of(List<JsonNode> crds) {
    List<BuiltinResources.Type> types = new ArrayList<>(BuiltinResources.ALL);
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
      for (JsonNode version : spec.path("versions")) {
        if (version.path("served").asBoolean(true)) {
          types.add(
              new BuiltinResources.Type(
                  spec.path("group").asText(),
                  version.path("name").asText(),
                  spec.path("names").path("kind").asText(),
                  spec.path("names").path("plural").asText(),
                  namespaced,
                  shortNames(spec.path("names").path("shortNames"))));
        }
      }
    }
    return new Discovery(types);
  }

  private static List<String> shortNames(JsonNode names) {
    List<String> list = new ArrayList<>();
    names.forEach(name -> list.add(name.asText()));
    return list;
  }

  /** The API path of a stored object, from its apiVersion and kind, when its type is served. */
  Optional<String> pathOf(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    String namespace = object.path("metadata").path("namespace").asText("");
    String name = object.path("metadata").path("name").asText();
    for (BuiltinResources.Type type : types) {
      if (type.groupVersion().equals(apiVersion) && type.kind().equals(kind)) {
        String root = type.group().isEmpty() ? "/api/" : "/apis/";
        String scope = type.namespaced() && !namespace.isEmpty() ? "/namespaces/" + namespace : "";
        return Optional.of(root + type.groupVersion() + scope + "/" + type.plural() + "/" + name);
      }
    }
    return Optional.empty();
  }

  /**
   * The type whose resource is {@code plural} in the group and version of an API path ({@code
   * /api/v1/...}, {@code /apis/<group>/<version>/...}), when it is served.
   */
  Optional<BuiltinResources.Type> typeAt(String path, String plural) {
    String[] parts = path.replaceAll("^/+", "").split("/");
    boolean core = parts.length > 1 && parts[0].equals("api");
    boolean named = parts.length > 2 && parts[0].equals("apis");
    if (!core && !named) {
      return Optional.empty();
    }
    String groupVersion = core ? parts[1] : parts[1] + "/" + parts[2];
    return types.stream()
        .filter(type -> type.groupVersion().equals(groupVersion) && type.plural().equals(plural))
        .findFirst();
  }

  /** Whether a path (no query string) is one of the discovery paths, without building them. */
  static boolean isDiscoveryPath(String path) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    return (parts[0].equals("api") && parts.length <= 2)
        || (parts[0].equals("apis") && parts.length <= 3);
  }

  /** The discovery document for a path (no query string), if it is a discovery path. */
  Optional<JsonNode> answer(String path) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    if (parts.length == 1 && parts[0].equals("api")) {
      ObjectNode versions = NODES.objectNode().put("kind", "APIVersions");
      versions.putArray("versions").add("v1");
      versions.putArray("serverAddressByClientCIDRs");
      return Optional.of(versions);
    }
    if (parts.length == 2 && parts[0].equals("api")) {
      return Optional.of(resourceList("", parts[1]));
    }
    if (parts.length == 1 && parts[0].equals("apis")) {
      ObjectNode list = NODES.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode groups = list.putArray("groups");
      groupVersions().forEach((group, versions) -> groups.add(group(group, versions)));
      return Optional.of(list);
    }
    if (parts.length == 2 && parts[0].equals("apis")) {
      List<String> versions = groupVersions().get(parts[1]);
      return versions == null ? Optional.empty() : Optional.of(group(parts[1], versions));
    }
    if (parts.length == 3 && parts[0].equals("apis")) {
      return Optional.of(resourceList(parts[1], parts[2]));
    }
    return Optional.empty();
  }

  private Map<String, List<String>> groupVersions() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (BuiltinResources.Type type : types) {
      if (!type.group().isEmpty()) {
        List<String> versions = groups.computeIfAbsent(type.group(), g -> new ArrayList<>());
        if (!versions.contains(type.version())) {
          versions.add(type.version());
        }
      }
    }
    return groups;
  }

  private static ObjectNode group(String name, List<String> versions) {
    ObjectNode group = NODES.objectNode().put("kind", "APIGroup").put("apiVersion", "v1");
    group.put("name", name);
    ArrayNode array = group.putArray("versions");
    for (String version : versions) {
      array.addObject().put("groupVersion", name + "/" + version).put("version", version);
    }
    group
        .putObject("preferredVersion")
        .put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return group;
  }

  private ObjectNode resourceList(String group, String version) {
    ObjectNode list = NODES.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (BuiltinResources.Type type : types) {
      if (type.group().equals(group) && type.version().equals(version)) {
        ObjectNode resource = resources.addObject();
        resource.put("name", type.plural());
        resource.put("singularName", type.kind().toLowerCase(java.util.Locale.ROOT));
        type.shortNames().forEach(resource.putArray("shortNames")::add);
        resource.put("namespaced", type.namespaced());
        resource.put("kind", type.kind());
        VERBS.forEach(resource.putArray("verbs")::add);
      }
    }
    return list;
  }
}
