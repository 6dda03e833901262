package dev.minato.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
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

  @Test
  void randomEditsOfManifestsEitherReadOrFailWithAPosition() {
    Random random = new Random(42);
    int failures = 0;
    for (int i = 0; i < 3000; i++) {
      String text = edit(SEEDS.get(random.nextInt(SEEDS.size())), random);
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

  private static String edit(String seed, Random random) {
    StringBuilder text = new StringBuilder(seed);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && text.length() > 1; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(5)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, INSERTS.charAt(random.nextInt(INSERTS.length())));
        case 2 -> {
          int other = random.nextInt(text.length());
          char c = text.charAt(at);
          text.setCharAt(at, text.charAt(other));
          text.setCharAt(other, c);
        }
        case 3 -> {
          int start = text.lastIndexOf("\n", at) + 1;
          int end = text.indexOf("\n", at);
          String line = text.substring(start, end < 0 ? text.length() : end + 1);
          text.insert(start, line);
        }
        default -> text.setLength(at);
      }
    }
    return text.toString();
  }
}
