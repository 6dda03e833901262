package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Resources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod template of a job, scheduled or one-off: the app's image, env, secrets, config files and
 * hardening, {@code restartPolicy: Never} (a retry is a new pod, counted by {@code backoffLimit}),
 * and no probes or drain.
 */
final class JobPodTemplate {

  private JobPodTemplate() {}

  static ObjectNode render(
      App app,
      AppSpec spec,
      Map<String, String> labels,
      String container,
      List<String> command,
      List<String> args,
      Resources resources,
      Optional<ConfigFiles> config) {
    ObjectNode template = Trees.object();
    template.putObject("metadata").set("labels", Trees.map(labels));
    ObjectNode pod = PodTemplates.podSpec(spec);
    pod.put("restartPolicy", "Never");
    ObjectNode node = Trees.object().put("name", container);
    node.put("image", spec.image().reference());
    if (!command.isEmpty()) {
      node.set("command", Trees.strings(command));
    }
    if (!args.isEmpty()) {
      node.set("args", Trees.strings(args));
    }
    PodContainers.envFrom(node, spec.envFrom());
    node.set("env", PodTemplates.env(app, spec, resources, container, false));
    node.set("resources", PodTemplates.resources(resources));
    node.set("securityContext", PodTemplates.containerSecurity(spec.security()));
    pod.putArray("containers").add(node);
    PodTemplates.volumes(pod, node, spec, config);
    template.set("spec", pod);
    return template;
  }
}
