package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.manifest.testing.RandomEdits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Broken input is an input error with a position, never a crash: seeded random edits of real
 * manifests (characters deleted, inserted, swapped, lines repeated, text cut off) either read or
 * fail with a {@link ManifestException}.
 */
class YamlReaderFuzzTest {

  private static final List<String> SEEDS =
      List.of(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            labels: &labels {app.kubernetes.io/name: web, tier: "front"}
          spec:
            replicas: 3
            selector:
              matchLabels: *labels
            template:
              metadata:
                labels:
                  <<: *labels
              spec:
                containers:
                  - name: app
                    image: example/web:1.2.0
                    args: ["--port=8080", '--mode=fast']
                    env:
                      - {name: RATIO, value: "0.5"}
                    command: |
                      exec java -jar app.jar
          ---
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: cfg}
          data:
            config.yaml: >
              folded text
              on two lines
            flag: !!str yes
          """,
          "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"a\": [1, 2.5, -3e2, null]}]}\n",
          "? complex\n: value\n- not: valid here\n");
  private static final String INSERTS = ":-?{}[],&*!|>'\"%@`#\t\n \\~<=0.9e+_x";
  private static final List<String> VALUES =
      List.of("0x1F", "1e3", "yes", "~", "[", "{a: 1", "&x", "*x", "!!int x", "|", "'", "\"");

  @Test
  void randomEditsOfManifestsEitherReadOrFailWithAPosition() {
    RandomEdits edits = new RandomEdits(42, INSERTS, VALUES);
    int failures = 0;
    for (int i = 0; i < 3000; i++) {
      String text = edits.edit(edits.pick(SEEDS));
      try {
        YamlReader.read("fuzz.yaml", text);
      } catch (ManifestException e) {
        failures++;
        assertThat(e.position().source()).isEqualTo("fuzz.yaml");
        assertThat(e.getMessage()).as("message for:%n%s", text).isNotBlank();
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("crashed on:\n" + text, e);
      }
    }
    // The edits must actually break things, or the test proves nothing.
    assertThat(failures).isGreaterThan(300);
  }
}
