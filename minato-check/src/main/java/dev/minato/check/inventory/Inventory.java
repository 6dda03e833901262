package dev.minato.check.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.MinatoLabels;
import dev.minato.manifest.nodeport.NodePortClaim;
import dev.minato.manifest.nodeport.NodePortClaims;
import dev.minato.manifest.nodeport.NodePortCollision;
import dev.minato.manifest.selector.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The whole input, indexed for rules that relate objects: which workloads a selector picks, which
 * PDBs and HPAs point at a workload, which NodePorts collide. Built once per check; lookups are by
 * namespace and label so large inputs stay linear.
 */
public final class Inventory {

  private final List<KubeObject> objects;
  private final Map<KubeObject, Workload> workloads = new IdentityHashMap<>();
  private final Map<String, List<Workload>> workloadsByNamespace = new HashMap<>();
  private final Map<String, List<Workload>> workloadsByLabel = new HashMap<>();
  private final Map<String, List<KubeObject>> pdbsByLabel = new HashMap<>();
  private final Map<String, List<KubeObject>> pdbsWithoutLabels = new HashMap<>();
  private final Map<KubeObject, Integer> pdbOrder = new IdentityHashMap<>();
  private final Map<KubeObject, LabelSelector> pdbSelectors = new IdentityHashMap<>();
  private final Map<String, List<KubeObject>> hpasByTarget = new HashMap<>();
  private final Map<String, List<KubeObject>> scaledObjectsByTarget = new HashMap<>();
  private final List<KubeObject> services = new ArrayList<>();
  private final List<KubeObject> scrapeMonitors = new ArrayList<>();
  private ServiceTraffic traffic;
  private NameIndex names;
  private final Map<String, KubeObject> byName = new HashMap<>();
  private final Map<KubeObject, List<NodePortClaim>> claimsByService = new IdentityHashMap<>();
  private final Map<NodePortClaim, NodePortCollision> collisions = new HashMap<>();

  private Inventory(List<KubeObject> objects) {
    this.objects = List.copyOf(objects);
  }

  public static Inventory of(List<KubeObject> objects) {
    Inventory inventory = new Inventory(objects);
    inventory.index();
    return inventory;
  }

  /** The API group of the Prometheus Operator's ServiceMonitor and PodMonitor. */
  public static final String MONITORING_GROUP = "monitoring.coreos.com";

  /** The API group of KEDA's ScaledObject, which scales a workload through an HPA it owns. */
  private static final String KEDA_GROUP = "keda.sh";

  /** The label that puts objects of one environment together (set by minato's overlays). */
  public static final String ENVIRONMENT_LABEL = MinatoLabels.ENVIRONMENT;

  /**
   * Where an object lives for relating it to others: its namespace, and its environment when it
   * carries minato's environment label. Objects of different environments (the dev and prd files of
   * one app, checked in one run) are never related: they go to different clusters or overlays.
   */
  public static String scopeOf(KubeObject object) {
    String environment =
        object.tree().path("metadata").path("labels").path(ENVIRONMENT_LABEL).asText("");
    return environment.isEmpty() ? object.namespace() : object.namespace() + '\u0001' + environment;
  }

  private void index() {
    Map<String, List<NodePortClaim>> claimsByEnvironment = new HashMap<>();
    for (KubeObject object : objects) {
      String scope = scopeOf(object);
      byName.putIfAbsent(nameKey(scope, object.kind(), object.name()), object);
      Workload.of(object).ifPresent(this::indexWorkload);
      switch (object.kind()) {
        case "PodDisruptionBudget" -> indexPdb(object, scope);
        case "HorizontalPodAutoscaler" -> {
          JsonNode target = object.at("/spec/scaleTargetRef");
          String key =
              nameKey(scope, target.path("kind").asText(""), target.path("name").asText(""));
          hpasByTarget.computeIfAbsent(key, k -> new ArrayList<>()).add(object);
        }
        case "ScaledObject" -> {
          if (object.group().equals(KEDA_GROUP)) {
            // KEDA's scaleTargetRef names a Deployment unless it says otherwise.
            JsonNode target = object.at("/spec/scaleTargetRef");
            String key =
                nameKey(
                    scope,
                    target.path("kind").asText("Deployment"),
                    target.path("name").asText(""));
            scaledObjectsByTarget.computeIfAbsent(key, k -> new ArrayList<>()).add(object);
          }
        }
        case "Service" -> {
          if (object.group().isEmpty()) {
            services.add(object);
          }
          List<NodePortClaim> own = claimsOf(object);
          claimsByService.put(object, own);
          // A NodePort is unique per cluster; environments are (usually) separate clusters.
          String environment =
              object.tree().path("metadata").path("labels").path(ENVIRONMENT_LABEL).asText("");
          claimsByEnvironment.computeIfAbsent(environment, e -> new ArrayList<>()).addAll(own);
        }
        case "ServiceMonitor", "PodMonitor" -> {
          if (object.group().equals(MONITORING_GROUP)) {
            scrapeMonitors.add(object);
          }
        }
        default -> {}
      }
    }
    traffic = ServiceTraffic.of(services, this);
    names = NameIndex.of(objects);
    for (List<NodePortClaim> claims : claimsByEnvironment.values()) {
      for (NodePortCollision collision : NodePortClaims.collisions(claims)) {
        collision.claims().forEach(claim -> collisions.put(claim, collision));
      }
    }
  }

  /**
   * A PDB is filed under one label its selector requires, so a workload only meets the PDBs that
   * share one of its labels rather than every PDB of its namespace; selectors without required
   * labels (expressions only, or empty) are tried against every workload of the scope.
   */
  private void indexPdb(KubeObject pdb, String scope) {
    LabelSelector selector;
    try {
      selector = LabelSelector.of(pdb.tree().path("spec").path("selector"));
    } catch (InvalidValueException e) {
      return; // the API server refuses it; selector-match reports it, and it protects nothing
    }
    pdbSelectors.put(pdb, selector);
    pdbOrder.put(pdb, pdbOrder.size());
    selector
        .requiredLabel()
        .ifPresentOrElse(
            label ->
                pdbsByLabel
                    .computeIfAbsent(
                        labelKey(scope, label.getKey(), label.getValue()), k -> new ArrayList<>())
                    .add(pdb),
            () -> pdbsWithoutLabels.computeIfAbsent(scope, k -> new ArrayList<>()).add(pdb));
  }

  private void indexWorkload(Workload workload) {
    KubeObject object = workload.object();
    workloads.put(object, workload);
    String namespace = scopeOf(object);
    workloadsByNamespace.computeIfAbsent(namespace, ns -> new ArrayList<>()).add(workload);
    workload
        .podLabels()
        .forEach(
            (key, value) ->
                workloadsByLabel
                    .computeIfAbsent(labelKey(namespace, key, value), k -> new ArrayList<>())
                    .add(workload));
  }

  private static List<NodePortClaim> claimsOf(KubeObject service) {
    List<NodePortClaim> claims = new ArrayList<>();
    JsonNode ports = service.at("/spec/ports");
    for (int i = 0; i < ports.size(); i++) {
      JsonNode nodePort = ports.get(i).path("nodePort");
      if (nodePort.isInt()) {
        String pointer = JsonPointers.child(JsonPointers.child("/spec/ports", i), "nodePort");
        claims.add(
            new NodePortClaim(
                nodePort.intValue(),
                ports.get(i).path("protocol").asText("TCP"),
                service.key().toString(),
                service.positionOf(pointer)));
      }
    }
    return claims;
  }

  public List<KubeObject> objects() {
    return objects;
  }

  public Optional<Workload> workload(KubeObject object) {
    return Optional.ofNullable(workloads.get(object));
  }

  /**
   * Workloads in a scope ({@link #scopeOf}) whose pods {@code selector} selects, in input order.
   */
  public List<Workload> workloadsSelectedBy(String namespace, LabelSelector selector) {
    List<Workload> candidates =
        selector
            .requiredLabel()
            .map(
                label ->
                    workloadsByLabel.get(labelKey(namespace, label.getKey(), label.getValue())))
            .orElseGet(() -> workloadsByNamespace.get(namespace));
    if (candidates == null) {
      return List.of();
    }
    return candidates.stream().filter(w -> selector.matches(w.podLabels())).toList();
  }

  /** PDBs in the workload's namespace whose selector picks its pods, in input order. */
  public List<KubeObject> pdbsSelecting(Workload workload) {
    String scope = scopeOf(workload.object());
    List<KubeObject> candidates = new ArrayList<>(pdbsWithoutLabels.getOrDefault(scope, List.of()));
    workload
        .podLabels()
        .forEach(
            (key, value) ->
                candidates.addAll(
                    pdbsByLabel.getOrDefault(labelKey(scope, key, value), List.of())));
    return candidates.stream()
        .distinct()
        .filter(pdb -> pdbSelectors.get(pdb).matches(workload.podLabels()))
        .sorted(Comparator.comparing(pdbOrder::get))
        .toList();
  }

  /** HPAs whose {@code scaleTargetRef} names this object. */
  public List<KubeObject> hpasTargeting(KubeObject object) {
    return hpasByTarget.getOrDefault(
        nameKey(scopeOf(object), object.kind(), object.name()), List.of());
  }

  /** The object of this kind and name in a scope ({@link #scopeOf}), if the input has it. */
  public Optional<KubeObject> find(String namespace, String kind, String name) {
    return Optional.ofNullable(byName.get(nameKey(namespace, kind, name)));
  }

  /** KEDA ScaledObjects whose {@code scaleTargetRef} names this object. */
  public List<KubeObject> scaledObjectsTargeting(KubeObject object) {
    return scaledObjectsByTarget.getOrDefault(
        nameKey(scopeOf(object), object.kind(), object.name()), List.of());
  }

  /**
   * How many pods the workload runs at its smallest: the HPA's {@code minReplicas} (default 1) when
   * one manages it, else a KEDA ScaledObject's {@code minReplicaCount} (default 0, as KEDA
   * documents it: an idle workload scales to zero), else {@code spec.replicas} (default 1); empty
   * when the count is not a replica count (DaemonSets, Jobs).
   */
  public OptionalInt minimumReplicas(Workload workload) {
    List<KubeObject> hpas = hpasTargeting(workload.object());
    if (!hpas.isEmpty()) {
      return OptionalInt.of(hpas.get(0).at("/spec/minReplicas").asInt(1));
    }
    List<KubeObject> scaledObjects = scaledObjectsTargeting(workload.object());
    if (!scaledObjects.isEmpty()) {
      return OptionalInt.of(scaledObjects.get(0).at("/spec/minReplicaCount").asInt(0));
    }
    return workload.declaredReplicas();
  }

  /**
   * How many pods the workload may run at its largest: the HPA's {@code maxReplicas} when one
   * manages it, else a KEDA ScaledObject's {@code maxReplicaCount} (default 100, as KEDA documents
   * it), else {@code spec.replicas} (default 1); empty for kinds whose pod count is not a replica
   * count.
   */
  public OptionalInt maximumReplicas(Workload workload) {
    List<KubeObject> hpas = hpasTargeting(workload.object());
    if (!hpas.isEmpty()) {
      return OptionalInt.of(hpas.get(0).at("/spec/maxReplicas").asInt(1));
    }
    List<KubeObject> scaledObjects = scaledObjectsTargeting(workload.object());
    if (!scaledObjects.isEmpty()) {
      return OptionalInt.of(scaledObjects.get(0).at("/spec/maxReplicaCount").asInt(100));
    }
    return workload.declaredReplicas();
  }

  /** Whether a Service of the input selects the workload's pods (it serves behind a Service). */
  public boolean selectedByService(Workload workload) {
    return traffic.selects(workload);
  }

  /** The Services of the input (with a selector) that select the workload's pods. */
  public List<KubeObject> servicesSelecting(Workload workload) {
    return traffic.selecting(workload);
  }

  /** The Prometheus Operator's ServiceMonitors and PodMonitors of the input, in input order. */
  public List<KubeObject> scrapeMonitors() {
    return scrapeMonitors;
  }

  /** The objects of the input by kind and name, for rules about references by name. */
  public NameIndex names() {
    return names;
  }

  /**
   * Whether a container of a long-running workload receives traffic: it declares a port other than
   * a metrics port, or a Service of the input that selects its pods sends it traffic (see {@link
   * ServiceTraffic}).
   */
  public boolean serves(Workload workload, Container container) {
    return workload.longRunning()
        && !container.init()
        && (container.declaresPorts() || traffic.reaches(workload, container));
  }

  /** The NodePorts a Service claims, in port order of its spec. */
  public List<NodePortClaim> nodePortClaims(KubeObject service) {
    return claimsByService.getOrDefault(service, List.of());
  }

  /** The collision a claim is part of, if any. */
  public Optional<NodePortCollision> collision(NodePortClaim claim) {
    return Optional.ofNullable(collisions.get(claim));
  }

  private static String nameKey(String namespace, String kind, String name) {
    return namespace + '\u0000' + kind + '\u0000' + name;
  }

  private static String labelKey(String namespace, String key, String value) {
    return namespace + '\u0000' + key + '\u0000' + value;
  }
}
