package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Volume;
import java.util.List;
import java.util.Map;

/**
 * The spec's volumes in a pod. A volume is declared once per pod and mounted by name, so any
 * container of the pod (a sidecar, say) can mount the same volume with {@link #mount}.
 */
final class SpecVolumes {

  private SpecVolumes() {}

  /**
   * Adds every volume of the spec to the pod's {@code volumes} and the app container's mounts,
   * except claim templates: only a StatefulSet's members have those ({@link #claimTemplates}).
   */
  static void add(ArrayNode podVolumes, ArrayNode mounts, AppSpec spec) {
    for (Volume volume : spec.volumes()) {
      if (volume.source() instanceof Volume.ClaimTemplate) {
        continue;
      }
      podVolumes.add(podVolume(volume));
      mounts.add(mount(volume));
    }
  }

  /** The app container's mount of a volume, as the spec states it. */
  static ObjectNode mount(Volume volume) {
    ObjectNode mount = Trees.object().put("name", volume.name());
    mount.put("mountPath", volume.mountPath());
    volume.subPath().ifPresent(path -> mount.put("subPath", path));
    if (volume.readOnly()) {
      mount.put("readOnly", true);
    }
    return mount;
  }

  private static ObjectNode podVolume(Volume volume) {
    ObjectNode node = Trees.object().put("name", volume.name());
    Volume.Source source = volume.source();
    if (source instanceof Volume.EmptyDir dir) {
      ObjectNode empty = node.putObject("emptyDir");
      if (dir.memory()) {
        empty.put("medium", "Memory");
      }
      dir.sizeLimit().ifPresent(limit -> empty.put("sizeLimit", limit.text()));
    } else if (source instanceof Volume.ConfigMapFiles files) {
      ObjectNode map = node.putObject("configMap").put("name", files.name());
      items(map, files.items());
      files.defaultMode().ifPresent(mode -> map.put("defaultMode", mode));
    } else if (source instanceof Volume.SecretFiles files) {
      ObjectNode secret = node.putObject("secret").put("secretName", files.name());
      items(secret, files.items());
      files.defaultMode().ifPresent(mode -> secret.put("defaultMode", mode));
    } else if (source instanceof Volume.Claim claim) {
      node.putObject("persistentVolumeClaim").put("claimName", claim.claimName());
    } else {
      throw new IllegalArgumentException("a claim template is no pod volume: " + source);
    }
    return node;
  }

  private static void items(ObjectNode source, List<Volume.Item> items) {
    if (!items.isEmpty()) {
      ArrayNode list = source.putArray("items");
      items.forEach(item -> list.addObject().put("key", item.key()).put("path", item.path()));
    }
  }

  /** The volumes each member of a StatefulSet claims for itself, named as the spec names them. */
  static List<Volume> claimTemplateVolumes(AppSpec spec) {
    return spec.volumes().stream()
        .filter(volume -> volume.source() instanceof Volume.ClaimTemplate)
        .toList();
  }

  /** A StatefulSet's {@code volumeClaimTemplates}, with the given labels. */
  static ArrayNode claimTemplates(AppSpec spec, Map<String, String> labels) {
    ArrayNode templates = Trees.array();
    for (Volume volume : claimTemplateVolumes(spec)) {
      Volume.ClaimTemplate claim = (Volume.ClaimTemplate) volume.source();
      ObjectNode template = templates.addObject();
      template.putObject("metadata").put("name", volume.name()).set("labels", Trees.map(labels));
      ObjectNode body = template.putObject("spec");
      body.set("accessModes", Trees.strings(claim.accessModes()));
      claim.storageClassName().ifPresent(name -> body.put("storageClassName", name));
      body.putObject("resources").putObject("requests").put("storage", claim.size().text());
    }
    return templates;
  }
}
