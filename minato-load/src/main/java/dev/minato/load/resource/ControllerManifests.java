package dev.minato.load.resource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.load.store.Credentials;
import dev.minato.load.store.S3Location;
import dev.minato.load.store.WebIdentity;
import dev.minato.manifest.migration.MigrationPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What runs {@code minato load controller} in a cluster: the CRD, a ServiceAccount, the RBAC rules
 * of exactly the calls the controller makes (watching LoadTests and writing their status; creating,
 * watching and deleting the Jobs, ConfigMaps and Secrets of a run; reading pods and their logs),
 * and a Deployment of one replica. Watching one namespace gets a Role; watching all a ClusterRole.
 * With a report store, the Deployment passes its flags and reads its key from a Secret, or, with a
 * role, the ServiceAccount is annotated for EKS's web identity instead; the RBAC stays the same
 * (the store is not the cluster's).
 */
public final class ControllerManifests {

  public static final String NAME = "minato-load-controller";

  /** The Secret (key {@code url}) the Deployment reads the notification webhook from, if any. */
  public static final String WEBHOOK_SECRET = NAME + "-webhook";

  /**
   * The Secret the Deployment reads the object store's key from (keys {@code AWS_ACCESS_KEY_ID},
   * {@code AWS_SECRET_ACCESS_KEY}, and {@code AWS_SESSION_TOKEN} if temporary), with a report
   * store.
   */
  public static final String REPORT_STORE_SECRET = NAME + "-report-store";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ControllerManifests() {}

  /**
   * @param namespace where the controller runs
   * @param image an image with {@code minato} on its PATH (the shards run it too)
   * @param watchNamespace the one namespace whose LoadTests it runs, or empty for all
   * @param reportStore the object store the reports go to, or empty for ConfigMaps only
   * @param reportStoreRole the IAM role the store is written as, through EKS's web identity (IRSA),
   *     or empty for a key from the Secret {@link #REPORT_STORE_SECRET}
   */
  public record Options(
      String namespace,
      String image,
      Optional<String> watchNamespace,
      Optional<S3Location> reportStore,
      Optional<String> reportStoreRole) {

    public Options(
        String namespace,
        String image,
        Optional<String> watchNamespace,
        Optional<S3Location> reportStore) {
      this(namespace, image, watchNamespace, reportStore, Optional.empty());
    }
  }

  /** The objects in the order they must be applied. */
  public static List<ObjectNode> render(Options options) {
    List<ObjectNode> objects = new ArrayList<>();
    objects.add(LoadTestCrd.render());
    objects.add(serviceAccount(options));
    boolean cluster = options.watchNamespace().isEmpty();
    String roleNamespace = options.watchNamespace().orElse(options.namespace());
    objects.add(role(cluster, roleNamespace));
    objects.add(binding(cluster, roleNamespace, options.namespace()));
    objects.add(deployment(options));
    return objects;
  }

  /** The rules: every verb here is one the controller's code calls, and no other. */
  static ArrayNode rules() {
    ArrayNode rules = NODES.arrayNode();
    rule(rules, "load.minato.dev", "loadtests", "get", "list", "watch");
    rule(rules, "load.minato.dev", "loadtests/status", "update");
    rule(rules, "batch", "jobs", "get", "list", "watch", "create", "delete");
    rule(rules, "", "pods", "get", "list", "watch");
    rule(rules, "", "pods/log", "get");
    // The scenario and the report; read back by name only when one exists already. No list: a
    // ClusterRole that lists ConfigMaps reads every one of the cluster. No delete: the garbage
    // collector removes them with their LoadTest.
    rule(rules, "", "configmaps", "get", "create");
    // Only for a scenario that presents a client certificate: its key goes in a Secret, read back
    // by name only when it exists already; neither listed nor deleted, as the ConfigMaps.
    rule(rules, "", "secrets", "get", "create");
    return rules;
  }

  private static void rule(ArrayNode rules, String group, String resource, String... verbs) {
    ObjectNode rule = rules.addObject();
    rule.putArray("apiGroups").add(group);
    rule.putArray("resources").add(resource);
    ArrayNode list = rule.putArray("verbs");
    for (String verb : verbs) {
      list.add(verb);
    }
  }

  private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
    ObjectNode object = NODES.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    metadata.set("labels", labels());
    return object;
  }

  private static ObjectNode labels() {
    ObjectNode labels = NODES.objectNode();
    labels.put("app.kubernetes.io/name", NAME);
    labels.put("app.kubernetes.io/managed-by", "minato");
    return labels;
  }

  private static ObjectNode serviceAccount(Options options) {
    ObjectNode account = object("v1", "ServiceAccount", NAME, options.namespace());
    // EKS's pod identity webhook sees this annotation and gives the pod AWS_ROLE_ARN,
    // AWS_WEB_IDENTITY_TOKEN_FILE and the projected token the controller exchanges with STS.
    options
        .reportStoreRole()
        .ifPresent(
            role ->
                ((ObjectNode) account.path("metadata"))
                    .putObject("annotations")
                    .put(WebIdentity.EKS_ROLE_ANNOTATION, role));
    account.put("automountServiceAccountToken", true);
    return account;
  }

  private static ObjectNode role(boolean cluster, String namespace) {
    ObjectNode role =
        object(
            "rbac.authorization.k8s.io/v1",
            cluster ? "ClusterRole" : "Role",
            NAME,
            cluster ? null : namespace);
    role.set("rules", rules());
    return role;
  }

  private static ObjectNode binding(boolean cluster, String roleNamespace, String namespace) {
    ObjectNode binding =
        object(
            "rbac.authorization.k8s.io/v1",
            cluster ? "ClusterRoleBinding" : "RoleBinding",
            NAME,
            cluster ? null : roleNamespace);
    ObjectNode ref = binding.putObject("roleRef");
    ref.put("apiGroup", "rbac.authorization.k8s.io");
    ref.put("kind", cluster ? "ClusterRole" : "Role");
    ref.put("name", NAME);
    ObjectNode subject = binding.putArray("subjects").addObject();
    subject.put("kind", "ServiceAccount");
    subject.put("name", NAME);
    subject.put("namespace", namespace);
    return binding;
  }

  private static void secretEnv(
      ArrayNode env, String name, String secret, String key, boolean optional) {
    ObjectNode variable = env.addObject();
    variable.put("name", name);
    variable
        .putObject("valueFrom")
        .putObject("secretKeyRef")
        .put("name", secret)
        .put("key", key)
        .put("optional", optional);
  }

  private static ObjectNode deployment(Options options) {
    ObjectNode deployment = object("apps/v1", "Deployment", NAME, options.namespace());
    // During a cluster move a controller in each cluster would each run a copied LoadTest, twice
    // the load it measures: like the shards' Job, it stops before the other starts.
    ((ObjectNode) deployment.path("metadata").path("labels"))
        .put(MigrationPolicy.KEY, MigrationPolicy.DOWNTIME_OK.spelling());
    ObjectNode spec = deployment.putObject("spec");
    // One replica: two controllers would each create the Job of a new LoadTest.
    spec.put("replicas", 1);
    spec.putObject("strategy").put("type", "Recreate");
    spec.putObject("selector").putObject("matchLabels").put("app.kubernetes.io/name", NAME);
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").set("labels", labels());
    ObjectNode pod = template.putObject("spec");
    pod.put("serviceAccountName", NAME);
    ObjectNode podSecurity = pod.putObject("securityContext");
    podSecurity.put("runAsNonRoot", true);
    podSecurity.put("runAsUser", 65532);
    podSecurity.put("runAsGroup", 65532);
    podSecurity.putObject("seccompProfile").put("type", "RuntimeDefault");
    ObjectNode container = pod.putArray("containers").addObject();
    container.put("name", "controller");
    container.put("image", options.image());
    container.putArray("command").add("minato");
    ArrayNode args = container.putArray("args");
    args.add("load").add("controller").add("--image").add(options.image());
    options.watchNamespace().ifPresent(ns -> args.add("--namespace").add(ns));
    ArrayNode env = container.putArray("env");
    secretEnv(env, "MINATO_LOAD_WEBHOOK", WEBHOOK_SECRET, "url", true);
    options
        .reportStore()
        .ifPresent(
            store -> {
              store.flags().forEach(args::add);
              if (options.reportStoreRole().isPresent()) {
                // Web identity: no key, and no Secret to read one from (a key there would come
                // first in the credentials' order and hide the role).
                return;
              }
              // The key is the Secret's; a missing Secret keeps the pod from starting, which
              // says so in its events, rather than a controller that cannot store a report.
              secretEnv(
                  env,
                  Credentials.ACCESS_KEY_ID,
                  REPORT_STORE_SECRET,
                  Credentials.ACCESS_KEY_ID,
                  false);
              secretEnv(
                  env,
                  Credentials.SECRET_ACCESS_KEY,
                  REPORT_STORE_SECRET,
                  Credentials.SECRET_ACCESS_KEY,
                  false);
              secretEnv(
                  env,
                  Credentials.SESSION_TOKEN,
                  REPORT_STORE_SECRET,
                  Credentials.SESSION_TOKEN,
                  true);
            });
    ObjectNode resources = container.putObject("resources");
    resources.putObject("requests").put("cpu", "100m").put("memory", "256Mi");
    resources.putObject("limits").put("memory", "256Mi");
    ObjectNode security = container.putObject("securityContext");
    security.put("allowPrivilegeEscalation", false);
    security.put("privileged", false);
    security.put("readOnlyRootFilesystem", true);
    security.put("runAsNonRoot", true);
    security.putObject("capabilities").putArray("drop").add("ALL");
    container.putArray("volumeMounts").addObject().put("name", "tmp").put("mountPath", "/tmp");
    pod.putArray("volumes").addObject().put("name", "tmp").putObject("emptyDir");
    return deployment;
  }
}
