package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A mistake in volumes, type: stateful, serviceAccount, annotations, podAnnotations or secretName
 * stops generate with exit 2 before anything is written, and names the file, line, column and
 * field, with a suggestion where one exists.
 */
class GenerateStorageAndIdentityTest {

  private static final String VALID =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
          + "spec:\n  image: a:1\n  port: 8080\n  resources: {cpu: 1, memory: 1Gi}\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "volumes of the wrong type|  volumes: [data]|8:12: spec.volumes: expected a mapping of"
            + " fields, found a list",
        "an unknown volume field|  volumes: {d: {mountPath: /d, emptyDir: {}, subpath: x}}|8:46:"
            + " spec.volumes.d.subpath: unknown field 'subpath', did you mean 'subPath'?",
        "a bad volume size|  volumes: {d: {mountPath: /d, emptyDir: {sizeLimit: 1Gb}}}|8:54:"
            + " spec.volumes.d.emptyDir.sizeLimit: '1Gb' is not a quantity",
        "a claim template outside a stateful app|  volumes: {d: {mountPath: /d,"
            + " volumeClaimTemplate: {size: 1Gi}}}|8:53: spec.volumes.d.volumeClaimTemplate: a"
            + " volumeClaimTemplate gives each member",
        "an unknown type|  type: statefull|8:9: spec.type: expected one of web, worker, batch,"
            + " stateful, found 'statefull', did you mean 'stateful'?",
        "an autoscaled stateful app|  type: stateful\\n  replicas: {min: 1, max: 3}|9:27:"
            + " spec.replicas.max: a stateful app is not autoscaled",
        "a service account of the wrong type|  serviceAccount: [a]|8:19: spec.serviceAccount:"
            + " expected a mapping of fields, found a list",
        "an unknown service account field|  serviceAccount: {annotation: {a: b}}|8:20:"
            + " spec.serviceAccount.annotation: unknown field 'annotation', did you mean"
            + " 'annotations'?",
        "a bad service account name|  serviceAccount: {name: A_B}|8:26: spec.serviceAccount.name:"
            + " 'A_B' is not a ServiceAccount name",
        "annotations of the wrong type|  annotations: text|8:16: spec.annotations: expected a"
            + " mapping of fields, found 'text'",
        "a misspelt field|  podAnnotation: {a: b}|8:3: spec.podAnnotation: unknown field"
            + " 'podAnnotation', did you mean 'podAnnotations'?",
        "a bad annotation key|  podAnnotations: {minato.dev/x: y}|8:19: spec.podAnnotations:"
            + " 'minato.dev/x': the minato.dev prefix is minato's own",
        "a bad secret name|  secretName: A_B|8:15: spec.secretName: 'A_B' is not a Secret name",
        "a secret name of the wrong type|  secretName: [a]|8:15: spec.secretName: expected a"
            + " string, found a list"
      })
  void aMistakeExitsTwoNamingThePlaceAndWritesNothing(
      String mistake, String field, String expected, @TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(spec, VALID);
    assertThat(CliRun.of("generate", "-q", "-f", spec.toString(), "-o", out.toString()).exitCode())
        .isZero();
    Map<String, String> before = GenerateCommandTest.snapshot(out);
    Files.writeString(spec, VALID + field.replace("\\n", "\n") + "\n");

    CliRun run = CliRun.of("generate", "-q", "-f", spec.toString(), "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains(spec + ":" + expected);
    assertThat(GenerateCommandTest.snapshot(out)).isEqualTo(before);
  }
}
