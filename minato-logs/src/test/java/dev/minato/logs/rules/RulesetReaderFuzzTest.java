package dev.minato.logs.rules;

import dev.minato.manifest.ManifestException;
import dev.minato.manifest.testing.RandomEdits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A broken {@code .minato/logs.yaml} is a positioned error, never a crash: seeded random edits of
 * the documented example either read or fail with a {@link ManifestException} that has a position
 * (a line for every error of the ruleset reader; the YAML parser itself gives none for a few syntax
 * errors).
 */
class RulesetReaderFuzzTest {

  private static final String INSERTS = ":-{}[],#\"'*&!|>( 0123456789xyz~\n\t\\";
  private static final List<String> WORDS =
      List.of(
          "0",
          "-1",
          "99999999999",
          "1.5",
          "yes",
          "null",
          "[]",
          "{}",
          "\"\"",
          "\"(\"",
          "x*",
          "card",
          "pseudonym",
          "[a, b]",
          "{a: b}",
          "~");

  @Test
  void randomEditsEitherReadOrFailWithAPosition() {
    RandomEdits edits = new RandomEdits(14, INSERTS, WORDS);
    for (int i = 0; i < 2000; i++) {
      String text = edits.edit(RulesetReaderTest.EXAMPLE);
      try {
        RulesetReader.read("logs.yaml", text, Path.of("/repo"));
      } catch (ManifestException e) {
        if (e.position() == null
            || (!e.position().hasLine() && !e.getMessage().startsWith("invalid YAML"))
            || e.getMessage() == null
            || e.getMessage().isBlank()) {
          throw new AssertionError("an error without position or message for:\n" + text, e);
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("crashed on:\n" + text, e);
      }
    }
  }
}
