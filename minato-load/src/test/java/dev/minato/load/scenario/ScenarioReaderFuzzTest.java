package dev.minato.load.scenario;

import dev.minato.manifest.testing.RandomEdits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scenario with mistakes is a positioned error, never a crash: seeded random edits of a full
 * scenario either read or fail with a {@link ScenarioException}.
 */
class ScenarioReaderFuzzTest {

  private static final String SCENARIO =
      """
      apiVersion: minato.dev/v1alpha1
      kind: LoadTest
      metadata:
        name: checkout
      spec:
        target: https://127.0.0.1:8443/base
        requests:
        - name: home
          path: /
          weight: 3
        - method: post
          path: /api/orders
          headers:
            Content-Type: application/json
          body: '{"sku": 1}'
        rate: 100/s
        stages:
        - duration: 10s
          rate: 2000/s
        duration: 60s
        timeout: 500ms
        maxConnections: 256
        warmup: 2s
        tls: {insecureSkipVerify: true}
        slos:
        - p99<250ms
        - errors<0.1%
      """;
  private static final String INSERTS = ":-{}[],#\"' 0123456789.%/<>=smxyz~\n";
  private static final List<String> WORDS =
      List.of("0", "-1", "1e9", "yes", "null", "[]", "{}", "\"\"", "10/x", "p101<1s", "ftp://x");

  @Test
  void randomEditsEitherReadOrFailWithAPosition() {
    RandomEdits edits = new RandomEdits(5, INSERTS, WORDS);
    for (int i = 0; i < 3000; i++) {
      String text = edits.edit(SCENARIO);
      try {
        ScenarioReader.read("fuzz.yaml", text, null);
      } catch (ScenarioException e) {
        if (e.position() == null || e.getMessage() == null || e.getMessage().isBlank()) {
          throw new AssertionError("an error without position or message for:\n" + text, e);
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("crashed on:\n" + text, e);
      }
    }
  }
}
