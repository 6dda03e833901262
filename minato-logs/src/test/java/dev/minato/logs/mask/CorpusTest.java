package dev.minato.logs.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.read.JsonLineParser;
import dev.minato.logs.read.LineParser;
import dev.minato.logs.read.LtsvParser;
import dev.minato.logs.read.NginxCombinedParser;
import dev.minato.logs.read.Reading;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import dev.minato.logs.write.JsonLinesWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The masking guarantee on a seeded corpus of 20,000 mixed LTSV, JSON and nginx lines: every
 * planted secret is gone from the output, and at least 99.9 % of the look-alike decoys are
 * untouched.
 */
class CorpusTest {

  private static final int LINES = 20_000;

  @Test
  void everyPlantedSecretIsMaskedAndDecoysStay() throws Exception {
    Ruleset ruleset = RulesetReader.read(Path.of("src/test/resources/corpus-rules.yaml"));
    assertThat(ruleset.rules()).hasSize(12);
    Masker masker = Masker.of(ruleset, Map.of("MINATO_LOG_KEY", "corpus-test-key-".repeat(3)));
    Map<SeededCorpus.Kind, LineParser> parsers =
        Map.of(
            SeededCorpus.Kind.LTSV, new LtsvParser(),
            SeededCorpus.Kind.JSON, new JsonLineParser(),
            SeededCorpus.Kind.NGINX, new NginxCombinedParser());
    JsonLinesWriter writer = new JsonLinesWriter();
    List<String> leaks = new ArrayList<>();
    int secrets = 0;
    int decoys = 0;
    int damagedDecoys = 0;
    for (SeededCorpus.Line line : new SeededCorpus(20261130L).lines(LINES)) {
      Reading reading = parsers.get(line.kind()).parse(line.text());
      assertThat(reading).as(line.text()).isInstanceOf(Reading.Parsed.class);
      String out = writer.format(masker.mask(((Reading.Parsed) reading).event()));
      for (String secret : line.secrets()) {
        secrets++;
        if (out.contains(jsonText(secret))) {
          leaks.add(secret + "  in  " + out);
        }
      }
      for (String decoy : line.decoys()) {
        decoys++;
        if (!out.contains(jsonText(decoy))) {
          damagedDecoys++;
        }
      }
    }
    assertThat(leaks).as("planted secrets left in the output").isEmpty();
    assertThat(secrets).isGreaterThan(LINES);
    assertThat(decoys).isGreaterThan(LINES);
    assertThat(1.0 - (double) damagedDecoys / decoys)
        .as("share of decoys untouched (%d of %d damaged)", damagedDecoys, decoys)
        .isGreaterThanOrEqualTo(0.999);
  }

  /** How {@code text} looks inside a JSON string. */
  private static String jsonText(String text) {
    StringBuilder out = new StringBuilder();
    JsonLinesWriter.string(text, out);
    return out.substring(1, out.length() - 1);
  }
}
