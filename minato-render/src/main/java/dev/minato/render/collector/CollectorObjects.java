package dev.minato.render.collector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.PlatformLogging;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The collector's objects: its namespace, a ServiceAccount that may only read pods and namespaces
 * (what the {@code kubernetes} filter asks the API for), the configuration as a ConfigMap named by
 * its content (a change rolls the DaemonSet, and old pods keep reading the old one), and the
 * DaemonSet, one pod per node, tolerating every taint so no node's logs are missed.
 */
public final class CollectorObjects {

  public static final String NAME = "fluent-bit";
  static final String STATE_DIR = "/var/fluent-bit/state";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CollectorObjects() {}

  public static List<ObjectNode> of(PlatformLogging platform, Map<String, String> files) {
    String namespace = platform.namespace();
    String configMap = NAME + "-config-" + hash(files);
    return List.of(
        namespace(namespace),
        header("v1", "ServiceAccount", NAME, namespace),
        clusterRole(),
        clusterRoleBinding(namespace),
        configMap(configMap, namespace, files),
        daemonSet(platform, configMap));
  }

  private static ObjectNode header(String apiVersion, String kind, String name, String namespace) {
    ObjectNode object = NODES.objectNode().put("apiVersion", apiVersion).put("kind", kind);
    ObjectNode metadata = object.putObject("metadata").put("name", name);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    labels(metadata.putObject("labels"));
    return object;
  }

  private static void labels(ObjectNode labels) {
    labels.put("app.kubernetes.io/name", NAME);
    labels.put("app.kubernetes.io/component", "log-collector");
    labels.put("app.kubernetes.io/managed-by", "minato");
  }

  /**
   * Reading the node's log files takes a hostPath volume, which the baseline and restricted Pod
   * Security levels forbid: the namespace says so openly instead of the pod being refused.
   */
  private static ObjectNode namespace(String namespace) {
    ObjectNode object = header("v1", "Namespace", namespace, "");
    ObjectNode labels = (ObjectNode) object.path("metadata").path("labels");
    labels.put("pod-security.kubernetes.io/enforce", "privileged");
    return object;
  }

  private static ObjectNode clusterRole() {
    ObjectNode role = header("rbac.authorization.k8s.io/v1", "ClusterRole", "minato-" + NAME, "");
    ObjectNode rule = role.putArray("rules").addObject();
    rule.putArray("apiGroups").add("");
    rule.putArray("resources").add("namespaces").add("pods");
    rule.putArray("verbs").add("get").add("list").add("watch");
    return role;
  }

  private static ObjectNode clusterRoleBinding(String namespace) {
    ObjectNode binding =
        header("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "minato-" + NAME, "");
    binding
        .putObject("roleRef")
        .put("apiGroup", "rbac.authorization.k8s.io")
        .put("kind", "ClusterRole")
        .put("name", "minato-" + NAME);
    binding
        .putArray("subjects")
        .addObject()
        .put("kind", "ServiceAccount")
        .put("name", NAME)
        .put("namespace", namespace);
    return binding;
  }

  private static ObjectNode configMap(String name, String namespace, Map<String, String> files) {
    ObjectNode configMap = header("v1", "ConfigMap", name, namespace);
    configMap.put("immutable", true);
    ObjectNode data = configMap.putObject("data");
    files.forEach(data::put);
    return configMap;
  }

  private static ObjectNode daemonSet(PlatformLogging platform, String configMap) {
    ObjectNode daemonSet = header("apps/v1", "DaemonSet", NAME, platform.namespace());
    daemonSet
        .with("metadata")
        .putObject("annotations")
        .put(
            "ignore.minato.dev/run-as-non-root",
            "reads the node's log files, which the runtime writes readable by root only")
        .put(
            "ignore.minato.dev/graceful-shutdown",
            "no Service routes to it: its port serves the kubelet's probes and metrics scrapes");
    ObjectNode spec = daemonSet.putObject("spec");
    spec.putObject("selector")
        .putObject("matchLabels")
        .put("app.kubernetes.io/name", NAME)
        .put("app.kubernetes.io/component", "log-collector");
    ObjectNode update = spec.putObject("updateStrategy").put("type", "RollingUpdate");
    update.putObject("rollingUpdate").put("maxUnavailable", 1);
    ObjectNode template = spec.putObject("template");
    ObjectNode metadata = template.putObject("metadata");
    labels(metadata.putObject("labels"));
    ObjectNode pod = template.putObject("spec");
    pod.put("serviceAccountName", NAME);
    pod.put("automountServiceAccountToken", true);
    pod.put("priorityClassName", "system-node-critical");
    pod.put("terminationGracePeriodSeconds", 30);
    pod.putObject("securityContext").putObject("seccompProfile").put("type", "RuntimeDefault");
    pod.putArray("tolerations").addObject().put("operator", "Exists");
    pod.putArray("containers").add(container(platform));
    ArrayNode volumes = pod.putArray("volumes");
    volumes.addObject().put("name", "config").putObject("configMap").put("name", configMap);
    hostPath(volumes, "varlog", "/var/log", "Directory");
    hostPath(volumes, "state", STATE_DIR, "DirectoryOrCreate");
    return daemonSet;
  }

  /**
   * Fluent Bit runs as root because the runtime writes the node's log files readable by root only,
   * and a non-root user cannot be given the capability to read them; everything else is locked
   * down: no privilege escalation, every capability dropped, a read-only root file system, the logs
   * mounted read-only, and only its position database writable.
   */
  private static ObjectNode container(PlatformLogging platform) {
    ObjectNode container = NODES.objectNode().put("name", NAME).put("image", platform.image());
    container
        .putArray("ports")
        .addObject()
        .put("name", "http")
        .put("containerPort", CollectorConfig.HTTP_PORT)
        .put("protocol", "TCP");
    container
        .putArray("command")
        .add("/fluent-bit/bin/fluent-bit")
        .add("--config=" + CollectorConfig.CONFIG_DIR + "/" + CollectorConfig.MAIN_FILE);
    ObjectNode resources = container.putObject("resources");
    resources.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
    resources.putObject("limits").put("memory", "256Mi");
    probe(container.putObject("livenessProbe"), "/");
    probe(container.putObject("readinessProbe"), "/api/v1/health");
    ObjectNode security = container.putObject("securityContext");
    security.put("allowPrivilegeEscalation", false);
    security.put("privileged", false);
    security.put("readOnlyRootFilesystem", true);
    security.put("runAsNonRoot", false);
    security.put("runAsUser", 0);
    security.putObject("capabilities").putArray("drop").add("ALL");
    ArrayNode mounts = container.putArray("volumeMounts");
    mounts
        .addObject()
        .put("name", "config")
        .put("mountPath", CollectorConfig.CONFIG_DIR)
        .put("readOnly", true);
    mounts.addObject().put("name", "varlog").put("mountPath", "/var/log").put("readOnly", true);
    mounts.addObject().put("name", "state").put("mountPath", STATE_DIR);
    return container;
  }

  private static void probe(ObjectNode probe, String path) {
    probe.putObject("httpGet").put("path", path).put("port", "http");
    probe.put("periodSeconds", 10);
  }

  private static void hostPath(ArrayNode volumes, String name, String path, String type) {
    volumes.addObject().put("name", name).putObject("hostPath").put("path", path).put("type", type);
  }

  private static String hash(Map<String, String> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      files.forEach(
          (name, content) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
          });
      return HexFormat.of().formatHex(digest.digest()).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
