package dev.minato.check.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.MinatoLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which objects the input holds by kind and name, for rules about references by name (a pod's
 * ConfigMaps, Secrets and ServiceAccount, an Ingress's Services). Kinds of the core API group are
 * named bare ({@code Secret}), others with their group ({@code bitnami.com/SealedSecret}).
 *
 * <p>A reference is only worth checking where the input <em>holds</em> that kind for the referrer:
 * it contains at least one object of the kind in the referrer's namespace (and environment) that
 * belongs to the same application, or to none. Secrets are the reason: most repositories keep them
 * out (rightly; {@code no-plaintext-secret} reports them), and an input without a single Secret
 * says nothing about which ones the cluster has. A Secret of the same application says the input is
 * where its Secrets come from, and then a reference to another one is most likely a typo. The
 * application is the {@code app.kubernetes.io/instance} label (a Helm release), else {@code
 * app.kubernetes.io/name}: one app's generated ConfigMap says nothing about the ConfigMaps that
 * another app of the namespace is given by another team. Objects without either label, and
 * referrers without them, are related to everything in their namespace.
 *
 * <p>Whether the named object exists is asked of the whole namespace: any application's object will
 * do. Secrets are also made by controllers from objects the input may hold instead: Bitnami's
 * SealedSecret, the External Secrets Operator's ExternalSecret and cert-manager's Certificate each
 * count as the Secret they produce.
 *
 * <p>Objects without minato's environment label belong to every environment of their namespace, so
 * a labelled Deployment finds an unlabelled ConfigMap that sits beside it.
 */
public final class NameIndex {

  /** kind → scope → name → the object that holds or produces it, names sorted. */
  private final Map<String, Map<String, Map<String, KubeObject>>> byKind = new HashMap<>();

  /** kind → scope → the applications ({@link #application}) that have objects of it there. */
  private final Map<String, Map<String, Set<String>>> applications = new HashMap<>();

  private NameIndex() {}

  static NameIndex of(List<KubeObject> objects) {
    NameIndex index = new NameIndex();
    for (KubeObject object : objects) {
      if (isInventoryRecord(object) || isDashboard(object)) {
        // apply's own record (found in backups) says nothing about what the app references, nor
        // does a Grafana dashboard, a ConfigMap for Grafana's sidecar that no pod mounts.
        continue;
      }
      String scope = Inventory.scopeOf(object);
      // Core kinds by their bare name; others with their group, so a Knative Service
      // (serving.knative.dev) is not taken for a Service.
      String kind = object.group().isEmpty() ? object.kind() : object.group() + "/" + object.kind();
      index.add(kind, scope, object.name(), object);
      producedSecret(object).ifPresent(name -> index.add("Secret", scope, name, object));
    }
    return index;
  }

  private void add(String kind, String scope, String name, KubeObject object) {
    if (!name.isEmpty()) {
      byKind
          .computeIfAbsent(kind, k -> new HashMap<>())
          .computeIfAbsent(scope, s -> new TreeMap<>())
          .putIfAbsent(name, object);
      applications
          .computeIfAbsent(kind, k -> new HashMap<>())
          .computeIfAbsent(scope, k -> new HashSet<>())
          .add(application(object));
    }
  }

  private static boolean isInventoryRecord(KubeObject object) {
    return object.tree().path("metadata").path("labels").has(MinatoLabels.INVENTORY_OF);
  }

  /**
   * A ConfigMap holding Grafana dashboards: labelled for the sidecar with its default label ({@code
   * grafana_dashboard}), or minato's (component {@code dashboard}, whatever the sidecar's label).
   */
  private static boolean isDashboard(KubeObject object) {
    JsonNode labels = object.tree().path("metadata").path("labels");
    return object.kind().equals("ConfigMap")
        && object.group().isEmpty()
        && (labels.has("grafana_dashboard")
            || labels.path("app.kubernetes.io/component").asText("").equals("dashboard"));
  }

  /** The application an object belongs to: its Helm release, else its app name, else "". */
  private static String application(KubeObject object) {
    JsonNode labels = object.tree().path("metadata").path("labels");
    String instance = labels.path("app.kubernetes.io/instance").asText("");
    return instance.isEmpty() ? labels.path(MinatoLabels.APP).asText("") : "instance:" + instance;
  }

  /** The name of the Secret a controller makes from this object, when it is such an object. */
  private static Optional<String> producedSecret(KubeObject object) {
    JsonNode spec = object.tree().path("spec");
    String name =
        switch (object.group() + "/" + object.kind()) {
          case "bitnami.com/SealedSecret" ->
              spec.path("template").path("metadata").path("name").asText(object.name());
          case "external-secrets.io/ExternalSecret" ->
              spec.path("target").path("name").asText(object.name());
          case "cert-manager.io/Certificate" -> spec.path("secretName").asText("");
          default -> "";
        };
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /**
   * Whether the input holds objects of {@code kind} for {@code from}: one at least, in its scope or
   * unlabelled in its namespace, of the same application or of none.
   */
  public boolean holds(KubeObject from, String kind) {
    Map<String, Set<String>> scopes = applications.getOrDefault(kind, Map.of());
    String application = application(from);
    for (String scope : List.of(Inventory.scopeOf(from), from.namespace())) {
      Set<String> present = scopes.get(scope);
      if (present != null
          && (application.isEmpty() || present.contains(application) || present.contains(""))) {
        return true;
      }
    }
    return false;
  }

  /** The object of {@code kind} named {@code name} that {@code from} would refer to, if held. */
  public Optional<KubeObject> find(KubeObject from, String kind, String name) {
    Map<String, Map<String, KubeObject>> scopes = byKind.getOrDefault(kind, Map.of());
    KubeObject found = scopes.getOrDefault(Inventory.scopeOf(from), Map.of()).get(name);
    if (found == null) {
      found = scopes.getOrDefault(from.namespace(), Map.of()).get(name);
    }
    return Optional.ofNullable(found);
  }

  /** The names of {@code kind} that {@code from} could refer to, sorted: for messages. */
  public List<String> names(KubeObject from, String kind) {
    Map<String, Map<String, KubeObject>> scopes = byKind.getOrDefault(kind, Map.of());
    List<String> names =
        new ArrayList<>(scopes.getOrDefault(Inventory.scopeOf(from), Map.of()).keySet());
    if (!Inventory.scopeOf(from).equals(from.namespace())) {
      scopes.getOrDefault(from.namespace(), Map.<String, KubeObject>of()).keySet().stream()
          .filter(name -> !names.contains(name))
          .forEach(names::add);
    }
    return names.stream().sorted().toList();
  }
}
