package dev.minato.check.config;

import dev.minato.check.rules.Catalog;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.testing.RandomEdits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      productionEnvironments: [prd, prod, production]
      """;
  private static final String INSERTS = ":-{}[],#\"' 0123456789xyz~\n";
  private static final List<String> WORDS =
      List.of("0", "-1", "99999999999", "1.5", "yes", "null", "[]", "{}", "\"\"", "3-1", "a-b");

  @Test
  void randomEditsEitherReadOrFailWithAPosition(@TempDir Path dir) throws Exception {
    CheckConfigReader reader = new CheckConfigReader(Catalog.ids());
    Path file = dir.resolve("check.yaml");
    RandomEdits edits = new RandomEdits(3, INSERTS, WORDS);
    for (int i = 0; i < 2000; i++) {
      String text = edits.edit(CONFIG);
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
}
