package dev.minato.cluster.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;

/** A small estate of objects: namespaces with config, secrets, workloads and a custom resource. */
public final class Fixtures {

  public static final String WIDGET_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec:
        group: example.com
        scope: Namespaced
        names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
        versions: [{name: v1, served: true, storage: true}]
      """;

  private Fixtures() {}

  /**
   * Fills a sandbox with {@code namespaces} namespaces, each holding 10 ConfigMaps, 2 Secrets, 3
   * Deployments, 3 Services and 1 Widget; plus a CRD and a ClusterRole; plus objects a backup must
   * leave out: an owned ReplicaSet and an Event per namespace. Returns how many objects a backup
   * without Secrets should hold.
   */
  public static int estate(Sandbox sandbox, int namespaces) {
    sandbox.create(WIDGET_CRD);
    sandbox.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules: [{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]
        """);
    for (int n = 0; n < namespaces; n++) {
      String ns = "team-" + n;
      sandbox.create(
          "apiVersion: v1\nkind: Namespace\nmetadata: {name: "
              + ns
              + ", labels: {team: t"
              + n
              + "}}\n");
      for (int i = 0; i < 10; i++) {
        sandbox.create(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-"
                + i
                + ", namespace: "
                + ns
                + ", labels: {app: app-"
                + (i % 3)
                + "}}\ndata: {key: value-"
                + i
                + ", multi: \"a\\nb\\n\"}\n");
      }
      for (int i = 0; i < 2; i++) {
        sandbox.create(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: secret-"
                + i
                + ", namespace: "
                + ns
                + "}\ntype: Opaque\ndata: {password: "
                + java.util.Base64.getEncoder().encodeToString(("pw-" + ns + i).getBytes())
                + "}\n");
      }
      for (int i = 0; i < 3; i++) {
        sandbox.create(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app-%d, namespace: %s, labels: {app: app-%d}}
            spec:
              replicas: %d
              selector: {matchLabels: {app: app-%d}}
              template:
                metadata: {labels: {app: app-%d}}
                spec: {containers: [{name: main, image: "nginx:1.27", ports: [{containerPort: 80}]}]}
            """
                .formatted(i, ns, i, i + 1, i, i));
        sandbox.create(
            "apiVersion: v1\nkind: Service\nmetadata: {name: app-"
                + i
                + ", namespace: "
                + ns
                + "}\nspec: {selector: {app: app-"
                + i
                + "}, ports: [{port: 80, targetPort: 80}]}\n");
      }
      sandbox.create(
          "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: gear, namespace: "
              + ns
              + "}\nspec: {teeth: "
              + (10 + n)
              + "}\n");
      sandbox.create(
          """
          apiVersion: apps/v1
          kind: ReplicaSet
          metadata:
            name: app-0-5d9f
            namespace: %s
            ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: app-0, uid: 1234, controller: true}]
          spec: {replicas: 1, selector: {matchLabels: {app: app-0}}, template: {metadata: {labels: {app: app-0}}, spec: {containers: [{name: main, image: "nginx:1.27"}]}}}
          """
              .formatted(ns));
      sandbox.create(
          "apiVersion: v1\nkind: Event\nmetadata: {name: app-0.1, namespace: "
              + ns
              + "}\ninvolvedObject: {kind: Deployment, name: app-0}\nreason: ScalingReplicaSet\n");
    }
    return 2 + namespaces * (1 + 10 + 3 + 3 + 1);
  }

  /** The namespaces a test created: all but those every cluster starts with. */
  public static List<String> userNamespaces(KubernetesClient client) {
    return client.namespaces().list().getItems().stream()
        .map(n -> n.getMetadata().getName())
        .filter(
            n -> !Set.of("default", "kube-system", "kube-public", "kube-node-lease").contains(n))
        .sorted()
        .toList();
  }
}
