package dev.minato.edge.nodeport;

import dev.minato.manifest.Document;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import dev.minato.manifest.nodeport.NodePortRange;
import dev.minato.spec.PlatformLogging;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.Diagnostics;
import dev.minato.spec.read.Locator;
import dev.minato.spec.read.PlatformLoggingBinder;
import dev.minato.spec.read.PlatformMonitoringBinder;
import dev.minato.spec.read.Section;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Facts about the clusters that specs cannot know, from {@code platform.yaml} at the repository
 * root:
 *
 * <pre>
 * apiVersion: minato.dev/v1
 * kind: Platform
 * nodePortRange: 30000-32767   # the API server's --service-node-port-range
 * nodePortScan:
 *   exclude: [rendered/**, "tmp/*.yaml"]   # globs relative to the repository root
 * logging:                                 # the log collector (see PlatformLoggingBinder)
 *   output: {cloudwatch: {region: eu-west-1}}
 * monitoring:                  # see PlatformMonitoringBinder
 *   backend: prometheus
 * </pre>
 *
 * <p>The NodePort scan always skips hidden directories, minato backups and {@code generate} output;
 * {@code nodePortScan.exclude} names what else is not a manifest of this repository (a saved {@code
 * kubectl kustomize} output, say).
 */
public record Platform(
    NodePortRange nodePortRange,
    List<String> scanExclude,
    Optional<PlatformLogging> logging,
    PlatformMonitoring monitoring) {

  public static final String FILE_NAME = "platform.yaml";

  public Platform {
    scanExclude = List.copyOf(scanExclude);
  }

  public static Platform defaults() {
    return new Platform(
        NodePortRange.DEFAULT, List.of(), Optional.empty(), PlatformMonitoring.defaults());
  }

  /** Reads a platform file; a missing file means the Kubernetes defaults. */
  public static Platform read(Path file) throws SpecException {
    if (!Files.exists(file)) {
      return defaults();
    }
    List<Document> documents;
    try {
      documents = YamlReader.read(file);
    } catch (ManifestException e) {
      throw new SpecException(List.of(new SpecError(e.position(), "", e.getMessage())));
    }
    if (documents.isEmpty()) {
      return defaults();
    }
    Document document = documents.get(0);
    Diagnostics diagnostics = new Diagnostics();
    Section root =
        new Section(document.root(), "", "", Locator.at(document.positions(), ""), diagnostics);
    root.requiredString("apiVersion", "minato.dev/v1")
        .filter(v -> !v.equals("minato.dev/v1"))
        .ifPresent(v -> root.error("apiVersion", "expected 'minato.dev/v1', found '" + v + "'"));
    root.requiredString("kind", "Platform")
        .filter(k -> !k.equals("Platform"))
        .ifPresent(k -> root.error("kind", "expected 'Platform', found '" + k + "'"));
    NodePortRange range = NodePortRange.DEFAULT;
    var text = root.string("nodePortRange");
    if (text.isPresent()) {
      try {
        range = NodePortRange.parse(text.get());
      } catch (InvalidValueException e) {
        root.error("nodePortRange", e.getMessage());
      }
    }
    List<String> exclude = List.of();
    var scan = root.section("nodePortScan");
    if (scan.isPresent()) {
      exclude = scan.get().stringList("exclude");
      for (String glob : exclude) {
        String problem = ScanScope.globProblem(glob);
        if (!problem.isEmpty()) {
          scan.get().error("exclude", "glob '" + glob + "': " + problem);
        }
      }
      scan.get().finish();
    }
    Optional<PlatformLogging> logging =
        root.section("logging").flatMap(s -> PlatformLoggingBinder.bind(s, diagnostics));
    PlatformMonitoring monitoring = PlatformMonitoringBinder.bind(root.section("monitoring"));
    root.finish();
    if (!diagnostics.isEmpty()) {
      throw new SpecException(diagnostics.errors());
    }
    return new Platform(range, exclude, logging, monitoring);
  }
}
