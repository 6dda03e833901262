package dev.minato.edge.nodes;

import dev.minato.edge.nodeport.Platform;
import dev.minato.manifest.testing.RandomEdits;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken node inventories and platform files are positioned errors, never crashes: seeded random
 * edits of the bundled examples either read or fail with a {@link SpecException}.
 */
class EdgeInputFuzzTest {

  private static final String INSERTS = ":-{}[],#\"' 0123456789./xyz~\n";
  private static final List<String> WORDS =
      List.of("0", "-1", "99999999999", "1.5", "yes", "null", "[]", "{}", "\"\"", "300-1", "::1");

  @Test
  void randomEditsOfNodeInventoriesAndPlatformFiles(@TempDir Path dir) throws Exception {
    String inventory = Files.readString(Path.of("..", "examples", "nodes", "prd.yaml"));
    String platform = Files.readString(Path.of("..", "examples", "platform.yaml"));
    Path file = dir.resolve("input.yaml");
    RandomEdits edits = new RandomEdits(8, INSERTS, WORDS);
    for (int i = 0; i < 2000; i++) {
      boolean nodes = edits.pick(List.of(true, false));
      String text = edits.edit(nodes ? inventory : platform);
      Files.writeString(file, text);
      try {
        if (nodes) {
          NodeInventoryReader.read(file);
        } else {
          Platform.read(file);
        }
      } catch (SpecException e) {
        for (SpecError error : e.errors()) {
          if (!error.toString().startsWith(file.toString())) {
            throw new AssertionError("an error without position: " + error + " for:\n" + text);
          }
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("crashed on:\n" + text, e);
      }
    }
  }
}
