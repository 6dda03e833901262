package dev.minato.check.config;

import dev.minato.check.rules.Catalog;
import dev.minato.manifest.ManifestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken .minato/check.yaml is a positioned error, never a crash: seeded random edits of the
 * documented example either read or fail with a {@link ManifestException}.
 */
class CheckConfigReaderFuzzTest {

  private static final String CONFIG =
      """
      profile: portable
      disabledRules: [memory-limit]
      severities:
        liveness-probe: error
      clusterNames: [prod-eu-1, staging-us-2]
      nodePortRange: 30000-32767
      maxWorkersPerCpu: 4
      gracePeriodMarginSeconds: 5
      platformNamespaces: [kube-system, kube-public, kube-node-lease]
      """;
  private static final String INSERTS = ":-{}[],#\"' 0123456789xyz~\n";
  private static final List<String> WORDS =
      List.of("0", "-1", "99999999999", "1.5", "yes", "null", "[]", "{}", "\"\"", "3-1", "a-b");

  @Test
  void randomEditsEitherReadOrFailWithAPosition(@TempDir Path dir) throws Exception {
    CheckConfigReader reader = new CheckConfigReader(Catalog.ids());
    Path file = dir.resolve("check.yaml");
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      String text = edit(random);
      Files.writeString(file, text);
      try {
        reader.read(file);
      } catch (ManifestException e) {
        if (e.position() == null || e.getMessage() == null || e.getMessage().isBlank()) {
          throw new AssertionError("an error without position or message for:\n" + text, e);
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("crashed on:\n" + text, e);
      }
    }
  }

  private static String edit(Random random) {
    StringBuilder text = new StringBuilder(CONFIG);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && text.length() > 1; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(4)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, INSERTS.charAt(random.nextInt(INSERTS.length())));
        case 2 -> {
          int colon = text.indexOf(": ", at);
          int end = colon < 0 ? -1 : text.indexOf("\n", colon);
          if (end > 0) {
            text.replace(colon + 2, end, WORDS.get(random.nextInt(WORDS.size())));
          }
        }
        default -> text.setLength(at);
      }
    }
    return text.toString();
  }
}
