package dev.minato.edge.nodes;

import dev.minato.edge.nodeport.Platform;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
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
    Random random = new Random(8);
    for (int i = 0; i < 2000; i++) {
      boolean nodes = random.nextBoolean();
      String text = edit(nodes ? inventory : platform, random);
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

  private static String edit(String seed, Random random) {
    StringBuilder text = new StringBuilder(seed);
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
