package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.NameIndex;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.Suggestions;
import java.util.List;

/**
 * A pod's ServiceAccount, ConfigMaps and Secrets are in the input, where the input holds that kind
 * for the pod's application in its namespace (see {@link NameIndex}). A misspelt name is accepted
 * by the API server and fails only on the node: the ReplicaSet cannot create pods (ServiceAccount),
 * or the container never starts ({@code CreateContainerConfigError}, a volume that never mounts).
 *
 * <p>References marked {@code optional: true} may be missing by design, the {@code default}
 * ServiceAccount and the {@code kube-root-ca.crt} ConfigMap exist in every namespace.
 */
final class ReferenceExists extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "reference-exists",
          Severity.ERROR,
          "ServiceAccounts, ConfigMaps and Secrets that pods name are in the input, where it holds"
              + " that kind for the app in the namespace");

  /** Made by Kubernetes in every namespace; projected service-account volumes name it. */
  private static final String ROOT_CA = "kube-root-ca.crt";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    Refs refs = new Refs(workload, context);
    String owner = workload.object().key().toString();
    JsonNode pod = workload.podSpec();
    String podPointer = workload.podSpecPointer();
    String account = pod.path("serviceAccountName").asText("");
    String accountField = "serviceAccountName";
    if (account.isEmpty()) {
      account = pod.path("serviceAccount").asText(""); // the deprecated spelling
      accountField = "serviceAccount";
    }
    if (!account.isEmpty() && !account.equals("default")) {
      refs.check(
          "ServiceAccount",
          account,
          podPointer + "/" + accountField,
          new Use(owner, "runs as", "no pod can be created"));
    }
    JsonNode pullSecrets = pod.path("imagePullSecrets");
    for (int i = 0; i < pullSecrets.size(); i++) {
      refs.check(
          "Secret",
          pullSecrets.get(i).path("name").asText(""),
          JsonPointers.child(podPointer + "/imagePullSecrets", i) + "/name",
          new Use(owner, "pulls images with", "pulls from a private registry fail"));
    }
    volumes(pod, podPointer, owner, refs);
    for (Container container : workload.allContainers()) {
      env(workload, container, refs);
    }
  }

  private static void volumes(JsonNode pod, String podPointer, String owner, Refs refs) {
    JsonNode volumes = pod.path("volumes");
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode volume = volumes.get(i);
      String pointer = JsonPointers.child(podPointer + "/volumes", i);
      Use use =
          new Use(
              owner, "mounts volume '" + volume.path("name").asText("") + "' from", VOLUME_FAILS);
      refs.optional(volume.path("configMap"), "ConfigMap", "name", pointer + "/configMap", use);
      refs.optional(volume.path("secret"), "Secret", "secretName", pointer + "/secret", use);
      JsonNode sources = volume.path("projected").path("sources");
      for (int j = 0; j < sources.size(); j++) {
        String source = JsonPointers.child(pointer + "/projected/sources", j);
        refs.optional(
            sources.get(j).path("configMap"), "ConfigMap", "name", source + "/configMap", use);
        refs.optional(sources.get(j).path("secret"), "Secret", "name", source + "/secret", use);
      }
    }
  }

  private static void env(Workload workload, Container container, Refs refs) {
    String subject = subject(workload, container);
    JsonNode env = container.path("env");
    for (int i = 0; i < env.size(); i++) {
      JsonNode valueFrom = env.get(i).path("valueFrom");
      String pointer = container.pointer(JsonPointers.child("/env", i) + "/valueFrom");
      Use use =
          new Use(
              subject,
              "reads env " + env.get(i).path("name").asText("") + " from",
              CONTAINER_FAILS);
      refs.optional(
          valueFrom.path("configMapKeyRef"),
          "ConfigMap",
          "name",
          pointer + "/configMapKeyRef",
          use);
      refs.optional(
          valueFrom.path("secretKeyRef"), "Secret", "name", pointer + "/secretKeyRef", use);
    }
    Use whole = new Use(subject, "reads its env from", CONTAINER_FAILS);
    JsonNode envFrom = container.path("envFrom");
    for (int i = 0; i < envFrom.size(); i++) {
      String pointer = container.pointer(JsonPointers.child("/envFrom", i));
      refs.optional(
          envFrom.get(i).path("configMapRef"),
          "ConfigMap",
          "name",
          pointer + "/configMapRef",
          whole);
      refs.optional(
          envFrom.get(i).path("secretRef"), "Secret", "name", pointer + "/secretRef", whole);
    }
  }

  /** Up to five names for a message, then how many more there are. */
  static String listed(List<String> names) {
    if (names.size() <= 5) {
      return names.isEmpty() ? "none" : String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
  }

  /** How a reference is used: who uses it, in what words, and what happens when it is missing. */
  private record Use(String subject, String verb, String consequence) {}

  private static final String CONTAINER_FAILS =
      "the container never starts (CreateContainerConfigError)";
  private static final String VOLUME_FAILS =
      "the volume never mounts and the pod stays in ContainerCreating";

  /** Checks references of one workload and reports the missing ones. */
  private static final class Refs {

    private final Workload workload;
    private final RuleContext context;
    private final NameIndex names;

    Refs(Workload workload, RuleContext context) {
      this.workload = workload;
      this.context = context;
      this.names = context.inventory().names();
    }

    /** A reference object ({@code configMapKeyRef}, a volume's {@code secret}...) at pointer. */
    void optional(JsonNode ref, String kind, String field, String pointer, Use use) {
      if (ref.isObject() && !ref.path("optional").asBoolean(false)) {
        check(kind, ref.path(field).asText(""), pointer + "/" + field, use);
      }
    }

    void check(String kind, String name, String pointer, Use use) {
      KubeObject object = workload.object();
      if (name.isEmpty()
          || (kind.equals("ConfigMap") && name.equals(ROOT_CA))
          || !names.holds(object, kind)
          || names.find(object, kind, name).isPresent()) {
        return;
      }
      List<String> known = names.names(object, kind);
      context.report(
          object,
          pointer,
          use.subject()
              + " "
              + use.verb()
              + " "
              + kind
              + " '"
              + name
              + "', which is not in "
              + IngressBackend.where(object)
              + " (its "
              + kind
              + "s there: "
              + listed(known)
              + ")"
              + Suggestions.didYouMean(name, known)
              + "; "
              + use.consequence());
    }
  }
}
