package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A pod the emulator's Job emulation created, as a {@link PodRunner} sees it: where it is, which
 * completion index it has, and its first container's command line with the environment variables of
 * {@code $(NAME)} references resolved as the kubelet resolves them.
 *
 * @param env the first container's environment: literal values, and {@code fieldRef}s to the pod's
 *     own annotations and labels (such as the completion index)
 * @param pod the stored pod as created
 */
public record EmulatedPod(
    String namespace,
    String name,
    String job,
    int index,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    JsonNode pod) {

  public EmulatedPod {
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }
}
