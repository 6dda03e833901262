package dev.minato.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Parses objects into fabric8's typed Kubernetes model and fails on any field the model does not
 * know. fabric8 keeps unknown fields in {@code additionalProperties} instead of rejecting them, so
 * the whole object graph is walked to find any.
 */
public final class TypedModel {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Class<?>> TYPES =
      Map.ofEntries(
          Map.entry("ConfigMap", ConfigMap.class),
          Map.entry("Service", Service.class),
          Map.entry("Deployment", Deployment.class),
          Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("CronJob", CronJob.class),
          Map.entry("Job", Job.class),
          Map.entry("Ingress", Ingress.class),
          Map.entry("ServiceMonitor", ServiceMonitor.class),
          Map.entry("PrometheusRule", PrometheusRule.class),
          // The examples' extraObjects.
          Map.entry("NetworkPolicy", NetworkPolicy.class),
          Map.entry("StatefulSet", StatefulSet.class),
          Map.entry("ServiceAccount", ServiceAccount.class),
          // The log collector's objects.
          Map.entry("Namespace", Namespace.class),
          Map.entry("ClusterRole", ClusterRole.class),
          Map.entry("ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry("DaemonSet", DaemonSet.class));

  private TypedModel() {}

  public static void assertParsesWithoutUnknownFields(ObjectNode object) throws Exception {
    String kind = object.path("kind").asText();
    Class<?> type = TYPES.get(kind);
    assertThat(type).as("a typed model class for kind %s", kind).isNotNull();
    Object typed = MAPPER.treeToValue(object, type);
    walk(typed, kind, new IdentityHashMap<>());
  }

  private static void walk(Object value, String path, IdentityHashMap<Object, Boolean> seen)
      throws Exception {
    if (value == null || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        walk(entry.getValue(), path + "." + entry.getKey(), seen);
      }
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8")) {
      return;
    }
    for (Method method : value.getClass().getMethods()) {
      if (method.getParameterCount() != 0 || !method.getName().startsWith("get")) {
        continue;
      }
      Object child = method.invoke(value);
      if (method.getName().equals("getAdditionalProperties")) {
        assertThat((Map<?, ?>) child).as("unknown fields at %s", path).isNullOrEmpty();
      } else if (!method.getName().equals("getClass")) {
        walk(child, path + "." + method.getName().substring(3), seen);
      }
    }
  }
}
