package dev.minato.spec.read;

import dev.minato.spec.Security;
import dev.minato.spec.ServiceAccount;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds what the spec adds to the metadata of minato's objects and the identity of its pods: {@code
 * annotations}, {@code podAnnotations}, {@code serviceAccount} and {@code secretName}. Annotations
 * never replace minato's own: a key minato sets from another field is an error naming that field.
 */
final class MetadataBinder {

  /** The annotations minato sets on pods from spec.metrics (without a ServiceMonitor). */
  private static final List<String> SCRAPE_KEYS =
      List.of("prometheus.io/scrape", "prometheus.io/port", "prometheus.io/path");

  private final String appName;

  MetadataBinder(String appName) {
    this.appName = appName;
  }

  /**
   * {@code annotations}: on every object minato renders. Suppressions of check findings ({@code
   * ignore.minato.dev/<rule>}) are allowed, except those spec.security already writes.
   */
  Map<String, String> annotations(Section spec, Security security) {
    Map<String, String> annotations = annotationMap(spec, "annotations");
    for (String check : security.relaxedChecks()) {
      String key = Security.SUPPRESSION_PREFIX + check;
      if (annotations.containsKey(key)) {
        spec.error(
            "annotations",
            key + " is written by minato from spec.security.reason; remove it from annotations");
        annotations.remove(key);
      }
    }
    return annotations;
  }

  /** {@code podAnnotations}: on the pod templates, besides the ones minato derives. */
  Map<String, String> podAnnotations(Section spec, boolean scraped) {
    Map<String, String> annotations = annotationMap(spec, "podAnnotations");
    if (scraped) {
      for (String key : SCRAPE_KEYS) {
        if (annotations.containsKey(key)) {
          spec.error(
              "podAnnotations",
              key + " is written by minato from spec.metrics; set the port and path there instead");
          annotations.remove(key);
        }
      }
    }
    return annotations;
  }

  private static Map<String, String> annotationMap(Section spec, String field) {
    Map<String, String> annotations = new LinkedHashMap<>(spec.stringMap(field));
    for (String key : List.copyOf(annotations.keySet())) {
      Optional<String> problem = keyProblem(key);
      if (problem.isPresent()) {
        spec.error(field, problem.get());
        annotations.remove(key);
      }
    }
    return annotations;
  }

  /**
   * An annotation key has the syntax of a label key. The {@code minato.dev} domain is minato's,
   * except {@code ignore.minato.dev}, where a user states why a check finding does not apply.
   */
  private static Optional<String> keyProblem(String key) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? "" : key.substring(0, slash);
    String name = key.substring(slash + 1);
    if (!Names.LABEL_KEY.matcher(key).matches() || name.length() > 63 || prefix.length() > 253) {
      return Optional.of(
          "'"
              + key
              + "' is not an annotation key: an optional DNS prefix and '/', then at most 63"
              + " letters, digits, '-', '_' or '.'");
    }
    if ((prefix.equals("minato.dev") || prefix.endsWith(".minato.dev"))
        && !prefix.equals("ignore.minato.dev")) {
      return Optional.of(
          "'"
              + key
              + "': the minato.dev prefix is minato's own; use your organisation's domain, or"
              + " ignore.minato.dev/<rule> to suppress a check finding");
    }
    return Optional.empty();
  }

  Optional<ServiceAccount> serviceAccount(Section spec) {
    Optional<Section> section = spec.section("serviceAccount");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Section s = section.get();
    boolean create = s.bool("create").orElse(true);
    Optional<String> name = s.string("name");
    if (name.isPresent() && !Names.dnsSubdomain(name.get())) {
      s.error("name", "'" + name.get() + "' is not a ServiceAccount name");
      name = Optional.empty();
    } else if (name.isEmpty() && !create && !s.has("name")) {
      s.errorHere(
          "name the existing ServiceAccount the pods run as, e.g. name: "
              + appName
              + " (or create: true to let minato render it)");
    }
    Map<String, String> annotations = annotationMap(s, "annotations");
    if (!create && s.has("annotations")) {
      s.error(
          "annotations",
          "minato annotates only a ServiceAccount it creates; with create: false annotate it"
              + " where it is defined");
    }
    boolean automount = s.bool("automountToken").orElse(false);
    s.finish();
    if (name.isEmpty() && !create) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceAccount(
            name.orElse(appName), create, Collections.unmodifiableMap(annotations), automount));
  }

  /** The Secret that {@code secretEnv} reads: {@code <app>-secrets} unless the spec names one. */
  String secretName(Section spec) {
    Optional<String> name = spec.string("secretName");
    if (name.isPresent() && !Names.dnsSubdomain(name.get())) {
      spec.error(
          "secretName",
          "'"
              + name.get()
              + "' is not a Secret name (lower-case letters, digits, '-' and '.', at most 253),"
              + " e.g. "
              + appName
              + "-prd-secrets");
      return appName + "-secrets";
    }
    return name.orElse(appName + "-secrets");
  }
}
