package dev.minato.spec.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.Document;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.Positions;
import dev.minato.manifest.SourcePosition;
import dev.minato.manifest.Suggestions;
import dev.minato.manifest.YamlReader;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Environment;
import dev.minato.spec.Image;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads minato.yaml files: {@code apiVersion: minato.dev/v1}, {@code kind: App}, one app per YAML
 * document. Every problem of a file is reported at once, each with its position.
 */
public final class SpecReader {

  public static final String API_VERSION = "minato.dev/v1";
  public static final String KIND = "App";

  private SpecReader() {}

  /** The apps of one file, or every error found in it. */
  public static List<App> read(Path file) throws SpecException {
    try {
      return read(file.toString(), YamlReader.read(file));
    } catch (ManifestException e) {
      throw new SpecException(List.of(new SpecError(e.position(), "", e.getMessage())));
    }
  }

  /** The apps of YAML text; {@code sourceName} names it in positions. */
  public static List<App> read(String sourceName, String text) throws SpecException {
    try {
      return read(sourceName, YamlReader.read(sourceName, text));
    } catch (ManifestException e) {
      throw new SpecException(List.of(new SpecError(e.position(), "", e.getMessage())));
    }
  }

  private static List<App> read(String sourceName, List<Document> documents) throws SpecException {
    if (documents.isEmpty()) {
      // An empty, comment-only or 'null' file is a mistake (a truncated save, a bad merge), never
      // "this app is gone": reading it as no apps would delete the app's manifests and lock entry.
      throw new SpecException(
          List.of(
              new SpecError(
                  new SourcePosition(sourceName, 1, 1),
                  "",
                  "the spec file is empty (no document, only comments, or null); expected"
                      + " apiVersion: "
                      + API_VERSION
                      + ", kind: App, metadata and spec. To remove an app, delete its"
                      + " file")));
    }
    Diagnostics diagnostics = new Diagnostics();
    List<App> apps = new ArrayList<>();
    for (Document document : documents) {
      app(document, diagnostics).ifPresent(apps::add);
    }
    if (!diagnostics.isEmpty()) {
      throw new SpecException(diagnostics.errors());
    }
    return apps;
  }

  private static Optional<App> app(Document document, Diagnostics diagnostics) {
    Positions positions = document.positions();
    if (!document.root().isObject()) {
      diagnostics.error(
          document.start(),
          "",
          "expected a mapping with apiVersion: " + API_VERSION + ", kind: App, metadata and spec");
      return Optional.empty();
    }
    Section root = new Section(document.root(), "", "", Locator.at(positions, ""), diagnostics);
    int before = diagnostics.size();
    header(root);
    Optional<String> name = Optional.empty();
    Optional<String> team = Optional.empty();
    Optional<String> namespace = Optional.empty();
    Map<String, String> labels = Map.of();
    Optional<Section> metadata = root.section("metadata");
    if (metadata.isEmpty()) {
      root.errorHere("missing required field 'metadata', e.g. metadata: {name: shop-api}");
    } else {
      Section m = metadata.get();
      name = m.requiredString("name", "shop-api");
      name.map(n -> Names.dnsLabelProblem(n, 63))
          .filter(p -> !p.isEmpty())
          .ifPresent(p -> m.error("name", p));
      team = m.string("team");
      team.filter(t -> !Names.labelValue(t))
          .ifPresent(
              t ->
                  m.error(
                      "team",
                      "'"
                          + t
                          + "' is not a valid label value (letters, digits, '-', '_', '.', at most 63)"));
      namespace = m.string("namespace");
      namespace
          .map(n -> Names.dnsLabelProblem(n, 63))
          .filter(p -> !p.isEmpty())
          .ifPresent(p -> m.error("namespace", p));
      labels = labels(m);
      m.finish();
    }
    String appName = name.orElse("app");
    Optional<Section> specSection = root.section("spec");
    if (specSection.isEmpty()) {
      root.errorHere("missing required field 'spec', e.g. spec: {image: …, resources: …}");
    }
    Optional<JsonNode> specTree = root.raw("spec").filter(JsonNode::isObject);
    Optional<AppSpec> spec = specSection.flatMap(s -> new SpecBinder(appName, diagnostics).bind(s));
    List<Environment> environments = new ArrayList<>();
    Optional<Section> envSection = root.section("environments");
    if (envSection.isPresent() && specTree.isPresent()) {
      environments(envSection.get(), specTree.get(), positions, appName, namespace, diagnostics)
          .forEach(environments::add);
    }
    root.finish();
    if (diagnostics.size() > before || spec.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    if (environments.isEmpty()) {
      environments.add(new Environment(App.DEFAULT_ENVIRONMENT, namespace, spec.get()));
    }
    return Optional.of(
        new App(
            name.get(),
            team,
            namespace,
            labels,
            spec.get(),
            List.copyOf(environments),
            document.start(),
            positions));
  }

  private static void header(Section root) {
    Optional<String> apiVersion = root.requiredString("apiVersion", API_VERSION);
    apiVersion
        .filter(v -> !v.equals(API_VERSION))
        .ifPresent(
            v -> root.error("apiVersion", "expected '" + API_VERSION + "', found '" + v + "'"));
    Optional<String> kind = root.requiredString("kind", KIND);
    kind.filter(k -> !k.equals(KIND))
        .ifPresent(
            k ->
                root.error(
                    "kind",
                    "expected '"
                        + KIND
                        + "', found '"
                        + k
                        + "'"
                        + Suggestions.didYouMean(k, List.of(KIND))));
  }

  private static Map<String, String> labels(Section metadata) {
    Map<String, String> labels = new LinkedHashMap<>(metadata.stringMap("labels"));
    for (Map.Entry<String, String> label : labels.entrySet()) {
      String key = label.getKey();
      if (!Names.LABEL_KEY.matcher(key).matches() || key.length() > 317) {
        metadata.error("labels", "'" + key + "' is not a valid label key");
      } else if (key.startsWith("app.kubernetes.io/") || key.startsWith("minato.dev/")) {
        metadata.error("labels", "'" + key + "' is set by minato; choose a key of your own");
      } else if (!Names.labelValue(label.getValue())) {
        metadata.error(
            "labels", "'" + label.getValue() + "' (label " + key + ") is not a valid label value");
      }
    }
    return labels;
  }

  private static List<Environment> environments(
      Section envs,
      JsonNode specTree,
      Positions positions,
      String appName,
      Optional<String> appNamespace,
      Diagnostics diagnostics) {
    List<Environment> result = new ArrayList<>();
    Map<String, String> imageTagPointers = new java.util.HashMap<>();
    for (Iterator<String> it = envs.rawFieldNames(); it.hasNext(); ) {
      String envName = it.next();
      Optional<Section> env = envs.section(envName);
      String problem = Names.dnsLabelProblem(envName, 20);
      if (!problem.isEmpty()) {
        envs.error(envName, "environment name " + problem);
        continue;
      }
      JsonNode overrides =
          env.map(Section::node)
              .orElseGet(
                  () -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
      ObjectNode specOverrides = ((ObjectNode) overrides).deepCopy();
      Optional<String> namespace = appNamespace;
      if (specOverrides.has("namespace")) {
        JsonNode ns = specOverrides.remove("namespace");
        String nsPointer =
            JsonPointers.child(JsonPointers.child("/environments", envName), "namespace");
        String nsProblem =
            ns.isTextual() ? Names.dnsLabelProblem(ns.asText(), 63) : "expected a namespace name";
        if (!nsProblem.isEmpty()) {
          diagnostics.error(
              positions.value(nsPointer), "environments." + envName + ".namespace", nsProblem);
        } else {
          namespace = Optional.of(ns.asText());
        }
      }
      if (specOverrides.has("imageTag")) {
        JsonNode tag = specOverrides.remove("imageTag");
        String tagPointer =
            JsonPointers.child(JsonPointers.child("/environments", envName), "imageTag");
        String base = specOverrides.path("image").asText(specTree.path("image").asText(""));
        if (!tag.isValueNode() || tag.isNull() || tag.asText().isBlank()) {
          diagnostics.error(
              positions.value(tagPointer),
              "environments." + envName + ".imageTag",
              "expected an image tag such as 1.4.2");
        } else {
          // The tag replaces the base image's tag (and digest); the image check then applies.
          specOverrides.put("image", Image.parse(base).repository() + ":" + tag.asText());
          imageTagPointers.put(envName, tagPointer);
        }
      }
      // An environment's patches and extra objects add to the base's instead of replacing them.
      specOverrides.remove(List.of("patches", "extraObjects"));
      JsonNode merged = Overrides.merge(specTree, specOverrides);
      Locator locator =
          imageTagPointers.containsKey(envName)
              ? Locator.imageTag(
                  Locator.environment(positions, envName),
                  positions,
                  imageTagPointers.get(envName),
                  envName)
              : Locator.environment(positions, envName);
      Section spec = new Section(merged, "", "spec", locator, diagnostics);
      Optional<AppSpec> bound = new SpecBinder(appName, diagnostics).bind(spec, env);
      if (bound.isPresent()) {
        result.add(new Environment(envName, namespace, bound.get()));
      }
    }
    return result;
  }
}
