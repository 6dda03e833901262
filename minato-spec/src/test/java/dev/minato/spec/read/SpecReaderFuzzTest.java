package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    Random random = new Random(11);
    int failures = 0;
    for (int i = 0; i < 2000; i++) {
      String text = edit(seeds.get(random.nextInt(seeds.size())), random);
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

  private static String edit(String seed, Random random) {
    StringBuilder text = new StringBuilder(seed);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && text.length() > 1; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(5)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, INSERTS.charAt(random.nextInt(INSERTS.length())));
        case 2 -> {
          // Replace the value after a "key: " with a word of another type.
          int colon = text.indexOf(": ", at);
          int end = colon < 0 ? -1 : text.indexOf("\n", colon);
          if (end > 0) {
            text.replace(colon + 2, end, WORDS.get(random.nextInt(WORDS.size())));
          }
        }
        case 3 -> {
          int start = text.lastIndexOf("\n", at) + 1;
          int end = text.indexOf("\n", at);
          text.insert(start, text.substring(start, end < 0 ? text.length() : end + 1));
        }
        default -> text.setLength(at);
      }
    }
    return text.toString();
  }
}
