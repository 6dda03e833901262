package dev.minato.logs.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.LogEvent;
import dev.minato.logs.fluentbit.FluentBitMasking;
import dev.minato.logs.fluentbit.LuaFilter;
import dev.minato.logs.read.JsonLineParser;
import dev.minato.logs.read.LineParser;
import dev.minato.logs.read.LtsvParser;
import dev.minato.logs.read.NginxCombinedParser;
import dev.minato.logs.read.Reading;
import dev.minato.logs.rules.Rule;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seeded corpus (planted secrets and look-alike decoys) through the Java engine and through the
 * Lua that Fluent Bit would run, with the corpus ruleset's rules that compile: field for field the
 * same on every line.
 */
class FluentBitCorpusAgreementTest {

  private static final int LINES = 1_500;

  @Test
  void theEngineAndTheCompiledLuaMaskTheCorpusIdentically() throws Exception {
    Ruleset corpus = RulesetReader.read(Path.of("src/test/resources/corpus-rules.yaml"));
    FluentBitMasking.Compiled compiled = FluentBitMasking.compile(corpus, "the corpus");
    Set<Rule> skipped =
        compiled.skipped().stream().map(FluentBitMasking.Skipped::rule).collect(Collectors.toSet());
    List<Rule> compiles = corpus.rules().stream().filter(r -> !skipped.contains(r)).toList();
    Masker java =
        Masker.of(new Ruleset(compiles, Optional.empty(), Optional.empty(), List.of()), Map.of());
    LuaFilter lua = new LuaFilter(compiled.script());
    Map<SeededCorpus.Kind, LineParser> parsers =
        Map.of(
            SeededCorpus.Kind.LTSV, new LtsvParser(),
            SeededCorpus.Kind.JSON, new JsonLineParser(),
            SeededCorpus.Kind.NGINX, new NginxCombinedParser());

    int changed = 0;
    for (SeededCorpus.Line line : new SeededCorpus(20261130L).lines(LINES)) {
      LogEvent event = ((Reading.Parsed) parsers.get(line.kind()).parse(line.text())).event();
      LogEvent expected = java.mask(event);
      assertThat(lua.mask(event)).as(line.text()).isEqualTo(expected);
      changed += expected.equals(event) ? 0 : 1;
    }
    assertThat(changed).as("lines the compiled rules change").isGreaterThan(LINES / 3);
  }
}
