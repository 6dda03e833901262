package dev.minato.render.collector;

import dev.minato.spec.Logs;
import dev.minato.spec.PlatformLogging;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fluent Bit's configuration for every app with {@code spec.logs}, in the classic format every 2.x
 * and 3.x release reads. The pipeline, in the order Fluent Bit applies it:
 *
 * <ol>
 *   <li>{@code tail} reads every container's log file on the node, joining the lines the runtime
 *       split (the built-in {@code cri} and {@code docker} multiline parsers), tagged {@code
 *       kube.*}; the collector's own namespace is left out, so it never reads its own output.
 *   <li>{@code kubernetes} adds the pod's namespace, name, container and labels.
 *   <li>{@code rewrite_tag} moves the records of each app's pods (by the label {@code
 *       app.kubernetes.io/name}) to the tag {@code minato.<app>.<stream>}; other pods' records keep
 *       their {@code kube.*} tag and go to the catch-all destination.
 *   <li>Per app: a {@code parser} filter for its format, and a {@code modify} filter that keeps the
 *       runtime's stdout/stderr as {@code source} and sets {@code app}, {@code stream} and the
 *       spec's labels.
 *   <li>Masking (platform rules on every record, then each app's own rules).
 *   <li>One output per app and stream, and the catch-all.
 * </ol>
 */
public final class CollectorConfig {

  public static final String MAIN_FILE = "fluent-bit.conf";
  public static final String PARSERS_FILE = "parsers.conf";

  /** Where the DaemonSet mounts the ConfigMap. */
  static final String CONFIG_DIR = "/fluent-bit/etc/minato";

  static final int HTTP_PORT = 2020;

  private static final String CATCH_ALL = "kube.*";

  private CollectorConfig() {}

  /** The ConfigMap's files, by name, in a stable order: configuration, parsers, scripts. */
  static Map<String, String> files(
      List<CollectedApp> apps, PlatformLogging platform, CollectorMasking masking) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(MAIN_FILE, main(apps, platform, masking.filters()));
    files.put(PARSERS_FILE, parsers());
    files.putAll(masking.scripts());
    return files;
  }

  private static String main(
      List<CollectedApp> apps, PlatformLogging platform, List<FluentBitSection> masking) {
    List<FluentBitSection> sections = new ArrayList<>();
    sections.add(
        FluentBitSection.of("SERVICE")
            .put("Flush", "1")
            .put("Log_Level", "info")
            .put("Parsers_File", CONFIG_DIR + "/" + PARSERS_FILE)
            .put("HTTP_Server", "On")
            .put("HTTP_Listen", "0.0.0.0")
            .put("HTTP_Port", Integer.toString(HTTP_PORT))
            .put("Health_Check", "On")
            .build());
    sections.add(
        FluentBitSection.of("INPUT")
            .put("Name", "tail")
            .put("Tag", "kube.*")
            .put("Path", "/var/log/containers/*.log")
            .put("Exclude_Path", "/var/log/containers/*_" + platform.namespace() + "_*.log")
            .put("multiline.parser", "cri, docker")
            .put("DB", CollectorObjects.STATE_DIR + "/tail.db")
            .put("Mem_Buf_Limit", "32MB")
            .put("Skip_Long_Lines", "On")
            .put("Refresh_Interval", "10")
            .build());
    sections.add(
        FluentBitSection.of("FILTER")
            .put("Name", "kubernetes")
            .put("Match", "kube.*")
            .put("Kube_Tag_Prefix", "kube.var.log.containers.")
            .put("Merge_Log", "Off")
            .put("Labels", "On")
            .put("Annotations", "Off")
            .put("K8S-Logging.Parser", "Off")
            .put("K8S-Logging.Exclude", "Off")
            .build());
    if (!apps.isEmpty()) {
      FluentBitSection.Builder route =
          FluentBitSection.of("FILTER")
              .put("Name", "rewrite_tag")
              .put("Match", "kube.*")
              .put("Emitter_Name", "minato_route");
      for (CollectedApp app : apps) {
        route.put(
            "Rule",
            "$kubernetes['labels']['app.kubernetes.io/name'] ^("
                + app.name()
                + ")$ "
                + app.tag()
                + " false");
      }
      sections.add(route.build());
    }
    for (CollectedApp app : apps) {
      app.logs()
          .format()
          .filter(format -> format != Logs.Format.TEXT)
          .ifPresent(
              format ->
                  sections.add(
                      FluentBitSection.of("FILTER")
                          .put("Name", "parser")
                          .put("Match", app.tag())
                          .put("Key_Name", "log")
                          .put("Parser", parserName(format))
                          .put("Reserve_Data", "On")
                          .build()));
      FluentBitSection.Builder labels =
          FluentBitSection.of("FILTER")
              .put("Name", "modify")
              .put("Match", app.tag())
              .put("Rename", "stream source")
              .put("Set", "app " + app.name())
              .put("Set", "stream " + app.logs().stream());
      app.logs().labels().forEach((name, value) -> labels.put("Set", name + " " + value));
      sections.add(labels.build());
    }
    sections.addAll(masking);
    for (CollectedApp app : apps) {
      sections.add(CollectorOutputs.forApp(platform.output(), app));
    }
    sections.add(CollectorOutputs.catchAll(platform.output(), CATCH_ALL));
    StringBuilder text =
        new StringBuilder(
            "# Rendered by 'minato collector' from the specs' logs and platform.yaml; do not"
                + " edit.\n");
    for (FluentBitSection section : sections) {
      text.append('\n').append(section.text());
    }
    return text.toString();
  }

  static String parserName(Logs.Format format) {
    return "minato-" + format.spelling();
  }

  /**
   * The parsers of the formats a spec may declare. The nginx expression is Fluent Bit's own for the
   * combined log format, with the time as nginx writes it.
   */
  private static String parsers() {
    List<FluentBitSection> parsers =
        List.of(
            FluentBitSection.of("PARSER")
                .put("Name", parserName(Logs.Format.LTSV))
                .put("Format", "ltsv")
                .build(),
            FluentBitSection.of("PARSER")
                .put("Name", parserName(Logs.Format.JSON))
                .put("Format", "json")
                .build(),
            FluentBitSection.of("PARSER")
                .put("Name", parserName(Logs.Format.NGINX))
                .put("Format", "regex")
                .put(
                    "Regex",
                    "^(?<remote>[^ ]*) (?<host>[^ ]*) (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\]"
                        + " \"(?<method>\\S+)(?: +(?<path>[^\\\"]*?)(?: +\\S*)?)?\""
                        + " (?<code>[^ ]*) (?<size>[^ ]*)"
                        + "(?: \"(?<referer>[^\\\"]*)\" \"(?<agent>[^\\\"]*)\")")
                .put("Time_Key", "time")
                .put("Time_Format", "%d/%b/%Y:%H:%M:%S %z")
                .build());
    StringBuilder text = new StringBuilder("# The formats spec.logs.format may name.\n");
    parsers.forEach(parser -> text.append('\n').append(parser.text()));
    return text.toString();
  }
}
