package dev.minato.cluster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minato.cluster.connect.ClusterConnection;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.cluster.sandbox.Emulator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** An emulator, its kubeconfig and a connected client, for one test. */
public final class Sandbox implements AutoCloseable {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public final Emulator emulator;
  public final Path kubeconfig;
  public final ClusterTarget target;
  public final KubernetesClient client;

  private Sandbox(
      Emulator emulator, Path kubeconfig, ClusterTarget target, KubernetesClient client) {
    this.emulator = emulator;
    this.kubeconfig = kubeconfig;
    this.target = target;
    this.client = client;
  }

  public static Sandbox start(Path dir, String context) {
    Emulator emulator = Emulator.start(0);
    try {
      Path kubeconfig = dir.resolve(context + ".kubeconfig");
      emulator.writeKubeconfig(kubeconfig, context);
      ClusterTarget target = ClusterTarget.of(kubeconfig, context);
      return new Sandbox(emulator, kubeconfig, target, ClusterConnection.connect(target));
    } catch (IOException e) {
      emulator.close();
      throw new UncheckedIOException(e);
    } catch (ClusterException e) {
      emulator.close();
      throw new IllegalStateException(e);
    }
  }

  /** Parses one YAML object into a generic resource. */
  public static GenericKubernetesResource resource(String yaml) {
    try {
      return YAML.readValue(yaml, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode tree(String yaml) {
    try {
      return (ObjectNode) YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(GenericKubernetesResource resource) {
    return new ObjectMapper().valueToTree(resource);
  }

  /** Creates (server-side applies) objects given as YAML text. */
  public void create(String yaml) {
    GenericKubernetesResource resource = resource(yaml);
    client.resource(resource).fieldManager("test").forceConflicts().serverSideApply();
  }

  @Override
  public void close() {
    client.close();
    emulator.close();
  }
}
