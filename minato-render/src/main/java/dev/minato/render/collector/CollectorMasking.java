package dev.minato.render.collector;

import dev.minato.logs.fluentbit.FluentBitMasking;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.SourcePosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The masking part of the collector: the platform's ruleset on every record, then each app's own on
 * its records, each compiled into a script for Fluent Bit's {@code lua} filter. Rules that do not
 * compile are kept as warnings for the command to print, never dropped silently.
 */
final class CollectorMasking {

  private final Map<String, String> scripts = new LinkedHashMap<>();
  private final List<FluentBitSection> filters = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** Reads and compiles every ruleset; a missing or invalid file is an error at its position. */
  static CollectorMasking of(Optional<Path> platformRules, List<CollectedApp> apps)
      throws ManifestException {
    CollectorMasking masking = new CollectorMasking();
    if (platformRules.isPresent()) {
      masking.add("mask-platform.lua", "*", platformRules.get(), "the platform");
    }
    for (CollectedApp app : apps) {
      if (app.rules().isPresent()) {
        masking.add("mask-" + app.name() + ".lua", app.tag(), app.rules().get(), app.name());
      }
    }
    return masking;
  }

  private void add(String file, String match, Path rules, String owner) throws ManifestException {
    if (!Files.isRegularFile(rules)) {
      throw new ManifestException(
          SourcePosition.ofSource(rules.toString()),
          "the masking ruleset of " + owner + " does not exist; create it (see docs/logs.md)");
    }
    Ruleset ruleset = RulesetReader.read(rules);
    FluentBitMasking.Compiled compiled = FluentBitMasking.compile(ruleset, owner);
    compiled.skipped().forEach(s -> warnings.add(s.describe() + "; Fluent Bit does not apply it"));
    scripts.put(file, compiled.script());
    filters.add(
        FluentBitSection.of("FILTER")
            .put("Name", "lua")
            .put("Match", match)
            .put("script", CollectorConfig.CONFIG_DIR + "/" + file)
            .put("call", FluentBitMasking.FUNCTION)
            .build());
  }

  Map<String, String> scripts() {
    return scripts;
  }

  List<FluentBitSection> filters() {
    return filters;
  }

  List<String> warnings() {
    return warnings;
  }
}
