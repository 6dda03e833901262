package dev.minato.cluster.apply;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.MinatoLabels;
import dev.minato.manifest.input.InputSource;
import dev.minato.manifest.input.RepositoryPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The inventory name an apply uses when none is given, unique per app and environment: {@code
 * <app>-<env>} for minato's generated output (its objects carry {@code app.kubernetes.io/name} and
 * {@code minato.dev/environment}), else derived from the whole input path, so {@code
 * manifests/storefront/overlays/prd} and {@code manifests/ledger/overlays/prd} never share one. An
 * input holding several apps, or one that names nothing (the standard input), needs {@code
 * --inventory}: guessing there is how one app's prune deletes another's objects.
 */
public final class InventoryName {

  /** The app an object belongs to (minato's generated output and most charts set it). */
  public static final String APP_LABEL = MinatoLabels.APP;

  /** The environment of minato's generated output. */
  public static final String ENVIRONMENT_LABEL = MinatoLabels.ENVIRONMENT;

  private static final int MAX = 40;

  private InventoryName() {}

  public static String derive(List<KubeObject> objects, List<InputSource> sources)
      throws ClusterException {
    SortedSet<String> apps = labels(objects, APP_LABEL);
    SortedSet<String> environments = labels(objects, ENVIRONMENT_LABEL);
    if (apps.size() > 1) {
      throw ClusterException.invalidInput(
          "the input holds several apps ("
              + String.join(", ", apps)
              + "); apply one app and environment at a time, or name the set with --inventory NAME"
              + " (prune deletes what left the set, so two apps must never share one)");
    }
    if (environments.size() > 1) {
      throw ClusterException.invalidInput(
          "the input holds several environments ("
              + String.join(", ", environments)
              + "); apply one at a time, or name the set with --inventory NAME");
    }
    if (apps.size() == 1 && environments.size() == 1) {
      return fitted(
          apps.first() + "-" + environments.first(), apps.first() + "/" + environments.first());
    }
    if (sources.size() != 1 || sources.get(0) instanceof InputSource.Stdin) {
      throw ClusterException.invalidInput(
          "cannot derive an inventory name for "
              + (sources.size() == 1 ? "the standard input" : "several inputs")
              + " whose objects carry no "
              + APP_LABEL
              + " and "
              + ENVIRONMENT_LABEL
              + " labels; name the set with --inventory NAME (the same name every time)");
    }
    Path path =
        sources.get(0) instanceof InputSource.Files files
            ? files.path()
            : ((InputSource.Kustomization) sources.get(0)).directory();
    return ofPath(path);
  }

  /** The name for an input path: its path in the repository, as a DNS label. */
  static String ofPath(Path path) {
    String recorded = RepositoryPath.of(path);
    String text = recorded;
    if (text.equals(".")) {
      Path name = path.toAbsolutePath().normalize().getFileName();
      text = name == null ? "root" : name.toString();
    }
    text = text.replaceAll("\\.(ya?ml|json)$", "");
    return fitted(text, recorded);
  }

  /**
   * {@code text} as a DNS label of at most 40 characters; a longer one keeps its end (the part that
   * tells paths apart) and a hash of {@code whole}, so it stays unique.
   */
  private static String fitted(String text, String whole) {
    String label =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (label.length() <= MAX && !label.isEmpty()) {
      return label;
    }
    String end = label.substring(Math.max(0, label.length() - (MAX - 9))).replaceAll("^-+", "");
    return (end.isEmpty() ? "" : end + "-") + hash(whole);
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static SortedSet<String> labels(List<KubeObject> objects, String label) {
    SortedSet<String> values = new TreeSet<>();
    for (KubeObject object : objects) {
      String value = object.at("/metadata/labels").path(label).asText("");
      if (!value.isEmpty()) {
        values.add(value);
      }
    }
    return values;
  }
}
