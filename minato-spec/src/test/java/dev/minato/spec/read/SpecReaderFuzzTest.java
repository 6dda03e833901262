package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.manifest.testing.RandomEdits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A spec with mistakes is an error list, never a crash: seeded random edits of the bundled example
 * specs (values and keys garbled, lines repeated or cut) either read or fail with a {@link
 * SpecException} whose every error has a position and a message.
 */
class SpecReaderFuzzTest {

  private static final String INSERTS = ":-{}[],#\"' 0123456789.xyn~\n";
  private static final List<String> WORDS =
      List.of(
          "auto",
          "-1",
          "0",
          "99999999999",
          "1.5",
          "yes",
          "null",
          "[]",
          "{}",
          "\"\"",
          "1Gi",
          "500m");

  @Test
  void randomEditsOfTheExamplesEitherReadOrReportErrors() throws Exception {
    List<String> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
      for (Path file : files.filter(f -> f.endsWith("minato.yaml")).sorted().toList()) {
        seeds.add(Files.readString(file));
      }
    }
    assertThat(seeds).hasSizeGreaterThanOrEqualTo(4);
    RandomEdits edits = new RandomEdits(11, INSERTS, WORDS);
    int failures = 0;
    for (int i = 0; i < 2000; i++) {
      String text = edits.edit(edits.pick(seeds));
      try {
        SpecReader.read("fuzz/minato.yaml", text);
      } catch (SpecException e) {
        failures++;
        assertThat(e.errors()).as("errors for:%n%s", text).isNotEmpty();
        for (SpecError error : e.errors()) {
          assertThat(error.toString()).as("error for:%n%s", text).startsWith("fuzz/minato.yaml");
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("crashed on:\n" + text, e);
      }
    }
    assertThat(failures).isGreaterThan(200);
  }
}
