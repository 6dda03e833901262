package dev.minato.cluster.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** The ConfigMap writes the watch tests make, each as a client makes it; the value is data "v". */
record ConfigMapWrites(KubernetesClient client) {

  void create(String namespace, String name, Map<String, String> labels, String value) {
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withData(Map.of("v", value))
                .build())
        .create();
  }

  void setData(String namespace, String name, String value) {
    client
        .configMaps()
        .inNamespace(namespace)
        .withName(name)
        .edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("v", value)).build());
  }

  void relabel(String namespace, String name, String tier) {
    client
        .configMaps()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            cm ->
                new ConfigMapBuilder(cm)
                    .editMetadata()
                    .withLabels(Map.of("tier", tier))
                    .endMetadata()
                    .build());
  }

  void delete(String namespace, String name) {
    client.configMaps().inNamespace(namespace).withName(name).delete();
  }

  /** The version a list of {@code namespace}'s ConfigMaps reports: now, as a client sees it. */
  String version(String namespace) {
    return client.configMaps().inNamespace(namespace).list().getMetadata().getResourceVersion();
  }
}
