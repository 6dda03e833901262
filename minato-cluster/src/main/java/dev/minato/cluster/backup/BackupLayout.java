package dev.minato.cluster.backup;

import dev.minato.manifest.ObjectKey;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an object lives in a backup: {@code <namespace or _cluster>/<Kind[.group]>/<name>.yaml},
 * with {@code .yaml.enc} for encrypted Secrets. Paths use {@code /} on every platform. Reading
 * accepts only paths of this form, so an index cannot point outside its backup, and each file must
 * hold the object its place names.
 */
public final class BackupLayout {

  /** The directory of cluster-scoped objects; no namespace can be named so (underscore). */
  public static final String CLUSTER = "_cluster";

  public static final String INDEX = "index.yaml";

  /**
   * A namespace (a DNS label) or {@code _cluster}; a kind (a Go identifier) with an optional DNS
   * subdomain as group; a name without {@code /}, {@code \}, control characters or a leading dot.
   */
  private static final Pattern PATH =
      Pattern.compile(
          "(_cluster|[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)"
              + "/([A-Za-z][A-Za-z0-9]*)(?:\\.([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?))?"
              + "/([^/\\\\.\\p{Cntrl}][^/\\\\\\p{Cntrl}]*?)\\.yaml(\\.enc)?");

  private BackupLayout() {}

  /** The place of one object in a backup, as its path says. */
  public record Place(ObjectKey key, boolean encrypted) {

    /** Whether the path names this object: kind, group, namespace and name. */
    public boolean holds(ObjectKey object) {
      return key.equals(object);
    }
  }

  public static String pathOf(ObjectKey key, boolean encrypted) {
    String scope = key.namespace().isEmpty() ? CLUSTER : key.namespace();
    String kind = key.group().isEmpty() ? key.kind() : key.kind() + "." + key.group();
    return scope + "/" + kind + "/" + key.name() + (encrypted ? ".yaml.enc" : ".yaml");
  }

  /** The place a relative path names, or empty when it is not of the layout's form. */
  public static Optional<Place> parse(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String namespace = m.group(1).equals(CLUSTER) ? "" : m.group(1);
    String group = m.group(3) == null ? "" : m.group(3);
    ObjectKey key = new ObjectKey(group, m.group(2), namespace, m.group(4));
    boolean encrypted = m.group(5) != null;
    boolean secret = group.isEmpty() && key.kind().equals("Secret");
    // Only Secrets are encrypted, always; a path that says otherwise was not written by minato.
    return encrypted == secret && path.equals(pathOf(key, encrypted))
        ? Optional.of(new Place(key, encrypted))
        : Optional.empty();
  }
}
