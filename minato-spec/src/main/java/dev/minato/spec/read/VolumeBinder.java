package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.quantity.Quantity;
import dev.minato.spec.Volume;
import dev.minato.spec.WorkloadType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Binds {@code spec.volumes}: a mapping from volume name to one source (emptyDir, configMap,
 * secret, persistentVolumeClaim, volumeClaimTemplate) and the app container's mount. A mapping, not
 * a list, so an environment can change one volume (its claim, say) by name. Mount paths must not
 * hide or be hidden by minato's own mounts: /tmp, the config files and the writable paths.
 */
final class VolumeBinder {

  /** Names of the volumes minato adds itself (the writable /tmp, config files, writable paths). */
  private static final Pattern RESERVED = Pattern.compile("tmp|config|writable-[0-9]+");

  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");
  private static final List<String> ACCESS_MODES =
      List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");
  private static final List<String> SOURCES =
      List.of("emptyDir", "configMap", "secret", "persistentVolumeClaim", "volumeClaimTemplate");

  private VolumeBinder() {}

  /**
   * The volumes in the order written. {@code taken} maps the paths minato mounts itself to what
   * mounts them, for messages.
   */
  static List<Volume> volumes(Section spec, WorkloadType type, Map<String, String> taken) {
    Optional<Section> section = spec.section("volumes");
    if (section.isEmpty()) {
      return List.of();
    }
    Section volumes = section.get();
    List<Volume> result = new ArrayList<>();
    Map<String, String> mountedBy = new HashMap<>();
    for (Iterator<String> names = volumes.rawFieldNames(); names.hasNext(); ) {
      String name = names.next();
      Optional<Section> volume = volumes.section(name);
      if (volume.isEmpty()) {
        if (!volumes.has(name)) {
          volumes.error(
              name, "expected a volume, e.g. " + name + ": {mountPath: /data, emptyDir: {}}");
        }
        continue;
      }
      volume(volumes, name, volume.get(), type, taken, mountedBy).ifPresent(result::add);
    }
    return List.copyOf(result);
  }

  private static Optional<Volume> volume(
      Section volumes,
      String name,
      Section v,
      WorkloadType type,
      Map<String, String> taken,
      Map<String, String> mountedBy) {
    boolean valid = true;
    String problem = Names.dnsLabelProblem(name, 63);
    if (!problem.isEmpty()) {
      volumes.error(name, "volume name " + problem);
      valid = false;
    } else if (RESERVED.matcher(name).matches()) {
      volumes.error(
          name,
          "'"
              + name
              + "' is the name of a volume minato adds itself (tmp, config, writable-N);"
              + " choose another, e.g. '"
              + name
              + "-data'");
      valid = false;
    }
    Optional<String> mountPath = v.requiredString("mountPath", "/var/lib/" + name);
    if (mountPath.isPresent()) {
      Optional<String> pathProblem = mountPathProblem(mountPath.get(), taken, mountedBy);
      if (pathProblem.isPresent()) {
        v.error("mountPath", pathProblem.get());
        valid = false;
      } else {
        mountedBy.put(mountPath.get(), v.field());
      }
    }
    Optional<String> subPath = v.string("subPath");
    valid &= subPathFits(v, subPath);
    Optional<Boolean> readOnly = v.bool("readOnly");
    List<String> present = SOURCES.stream().filter(v::has).toList();
    Optional<Volume.Source> source = Optional.empty();
    if (present.size() != 1) {
      v.errorHere(
          present.isEmpty()
              ? "a volume needs one source: " + String.join(", ", SOURCES) + ", e.g. emptyDir: {}"
              : "a volume has one source, found " + String.join(" and ", present));
      valid = false;
    } else {
      source = source(v, present.get(0), type);
    }
    v.finish();
    if (!valid || source.isEmpty() || mountPath.isEmpty()) {
      return Optional.empty();
    }
    // Kubernetes mounts ConfigMaps and Secrets read-only whatever the mount says; say so.
    boolean files =
        source.get() instanceof Volume.ConfigMapFiles || source.get() instanceof Volume.SecretFiles;
    return Optional.of(
        new Volume(name, source.get(), mountPath.get(), subPath, readOnly.orElse(files)));
  }

  static Optional<String> mountPathProblem(
      String path, Map<String, String> taken, Map<String, String> mountedBy) {
    if (!path.startsWith("/")
        || path.equals("/")
        || path.endsWith("/")
        || path.contains("//")
        || (path + "/").contains("/../")
        || (path + "/").contains("/./")) {
      return Optional.of(
          "'" + path + "' must be an absolute directory other than /, e.g. /var/lib/data");
    }
    if (mountedBy.containsKey(path)) {
      return Optional.of("'" + path + "' is already the mount path of " + mountedBy.get(path));
    }
    for (Map.Entry<String, String> other : taken.entrySet()) {
      if (overlaps(path, other.getKey())) {
        return Optional.of(
            "'"
                + path
                + "' overlaps "
                + other.getKey()
                + ", which "
                + other.getValue()
                + " mounts; one mount would hide the other");
      }
    }
    return Optional.empty();
  }

  /** True when one path is the other or lies under it. */
  static boolean overlaps(String a, String b) {
    return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
  }

  /** Reports a {@code subPath} that would leave its volume; true when it is absent or fits. */
  static boolean subPathFits(Section mount, Optional<String> subPath) {
    if (subPath.isPresent() && !relativePath(subPath.get())) {
      mount.error(
          "subPath",
          "'" + subPath.get() + "' must be a relative path inside the volume, without '..'");
      return false;
    }
    return true;
  }

  private static boolean relativePath(String path) {
    if (path.isEmpty() || path.startsWith("/")) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.equals("..") || part.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Volume.Source> source(Section v, String kind, WorkloadType type) {
    Optional<Section> section = v.section(kind);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Section s = section.get();
    Optional<Volume.Source> source =
        switch (kind) {
          case "emptyDir" -> emptyDir(s);
          case "configMap" -> files(s, false);
          case "secret" -> files(s, true);
          case "persistentVolumeClaim" -> claim(s);
          default -> claimTemplate(s, type);
        };
    s.finish();
    return source;
  }

  private static Optional<Volume.Source> emptyDir(Section s) {
    boolean memory = s.choice("medium", Map.of("Memory", true)).orElse(false);
    boolean valid = !s.has("medium") || memory;
    Optional<Quantity> sizeLimit = size(s, "sizeLimit");
    if (s.has("sizeLimit") && sizeLimit.isEmpty()) {
      valid = false;
    }
    return valid ? Optional.of(new Volume.EmptyDir(sizeLimit, memory)) : Optional.empty();
  }

  private static Optional<Volume.Source> files(Section s, boolean secret) {
    Optional<String> name = objectName(s, "name", secret ? "shop-tls" : "shop-settings");
    List<Volume.Item> items = new ArrayList<>();
    Map<String, String> paths = new LinkedHashMap<>();
    boolean valid = true;
    for (Section item : s.sectionList("items")) {
      Optional<String> key = item.requiredString("key", "app.ini");
      key.filter(k -> !CONFIG_KEY.matcher(k).matches() || k.length() > 253)
          .ifPresent(
              k ->
                  item.error(
                      "key", "'" + k + "' is not a key (letters, digits, '-', '_' and '.')"));
      Optional<String> path = item.string("path").or(() -> key);
      path.filter(p -> !relativePath(p))
          .ifPresent(
              p ->
                  item.error(
                      "path",
                      "'" + p + "' must be a relative file path without '..', e.g. app.ini"));
      path.filter(paths::containsKey)
          .ifPresent(p -> item.error("path", "'" + p + "' is also the path of " + paths.get(p)));
      item.finish();
      if (key.isEmpty() || path.isEmpty()) {
        valid = false;
        continue;
      }
      paths.put(path.get(), item.field());
      items.add(new Volume.Item(key.get(), path.get()));
    }
    OptionalInt mode = mode(s);
    if (!valid || name.isEmpty() || (s.has("defaultMode") && mode.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(
        secret
            ? new Volume.SecretFiles(name.get(), List.copyOf(items), mode)
            : new Volume.ConfigMapFiles(name.get(), List.copyOf(items), mode));
  }

  /**
   * A file mode as an octal string ("0440"). A YAML number is refused: YAML 1.1 (what kubectl
   * reads) takes 0440 as octal and YAML 1.2 as decimal 440, so a number could mean either.
   */
  private static OptionalInt mode(Section s) {
    Optional<JsonNode> raw = s.raw("defaultMode");
    if (raw.isEmpty()) {
      return OptionalInt.empty();
    }
    if (!raw.get().isTextual() || !OCTAL_MODE.matcher(raw.get().asText()).matches()) {
      s.error(
          "defaultMode",
          "expected an octal file mode as a string, e.g. defaultMode: \"0440\", found "
              + Section.describe(raw.get())
              + (raw.get().isNumber()
                  ? " (YAML readers disagree on whether a number like 0440 is octal)"
                  : ""));
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(raw.get().asText(), 8));
  }

  private static Optional<Volume.Source> claim(Section s) {
    return objectName(s, "claimName", "shop-uploads").map(Volume.Claim::new);
  }

  private static Optional<Volume.Source> claimTemplate(Section s, WorkloadType type) {
    if (type != WorkloadType.STATEFUL) {
      s.errorHere(
          "a volumeClaimTemplate gives each member of a StatefulSet its own claim and needs"
              + " type: stateful; mount an existing claim with persistentVolumeClaim: {claimName:"
              + " …}");
    }
    if (!s.has("size")) {
      s.errorHere("missing required field 'size', e.g. size: 10Gi");
    }
    Optional<Quantity> size = size(s, "size");
    Optional<String> storageClass = s.string("storageClassName");
    storageClass
        .filter(c -> !Names.dnsSubdomain(c))
        .ifPresent(c -> s.error("storageClassName", "'" + c + "' is not a StorageClass name"));
    List<String> modes = s.stringList("accessModes");
    boolean valid = true;
    for (String mode : modes) {
      if (!ACCESS_MODES.contains(mode)) {
        s.error(
            "accessModes",
            "expected access modes among "
                + String.join(", ", ACCESS_MODES)
                + ", found '"
                + mode
                + "'"
                + dev.minato.manifest.Suggestions.didYouMean(mode, ACCESS_MODES));
        valid = false;
      }
    }
    if (!valid || size.isEmpty() || type != WorkloadType.STATEFUL) {
      return Optional.empty();
    }
    if (storageClass.isPresent() && !Names.dnsSubdomain(storageClass.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Volume.ClaimTemplate(
            size.get(), storageClass, modes.isEmpty() ? List.of("ReadWriteOnce") : modes));
  }

  /** A storage size, parsed by the one quantity parser; more than zero. */
  private static Optional<Quantity> size(Section s, String name) {
    Optional<String> text = s.string(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      Quantity q = Quantity.parse(text.get());
      if (q.value().signum() <= 0) {
        s.error(name, "must be more than zero, found '" + text.get() + "'");
        return Optional.empty();
      }
      return Optional.of(q);
    } catch (InvalidValueException e) {
      s.error(name, e.getMessage() + ", e.g. '512Mi' or '10Gi'");
      return Optional.empty();
    }
  }

  private static Optional<String> objectName(Section s, String field, String example) {
    Optional<String> name = s.requiredString(field, example);
    if (name.isPresent() && !Names.dnsSubdomain(name.get())) {
      s.error(
          field,
          "'"
              + name.get()
              + "' is not an object name (lower-case letters, digits, '-' and '.', at most 253)");
      return Optional.empty();
    }
    return name;
  }
}
