package dev.minato.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  private static final String EXAMPLES = Path.of("..", "examples").toString();

  private static final String VALID =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: a}\n"
          + "spec:\n  image: a:1\n  port: 80\n  resources: {cpu: 1, memory: 1Gi}\n";

  @Test
  void generatesOverlaysForEveryExample(@TempDir Path dir) {
    Path out = dir.resolve("manifests");

    CliRun run = CliRun.of("generate", "-f", EXAMPLES, "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("shop-api").contains("Wrote ");
    assertThat(out.resolve("shop-api/base/kustomization.yaml")).exists();
    assertThat(out.resolve("shop-api/overlays/prd/kustomization.yaml")).exists();
    assertThat(out.resolve("nightly-report/overlays/stg/kustomization.yaml")).exists();
  }

  @Test
  void aSecondRunWritesTheSameBytes(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    CliRun.of("generate", "-f", EXAMPLES, "-o", out.toString());
    Map<String, String> first = snapshot(out);

    CliRun.of("generate", "-f", EXAMPLES, "-o", out.toString());

    assertThat(snapshot(out)).isEqualTo(first);
  }

  @Test
  void checkListsWhatWouldChangeWritesNothingAndExitsOne(@TempDir Path dir) throws IOException {
    Path spec = Files.createDirectories(dir.resolve("a")).resolve("minato.yaml");
    Files.writeString(spec, VALID);
    Path out = dir.resolve("manifests");
    String[] check = {"generate", "-f", dir.toString(), "-o", out.toString(), "--check"};
    CliRun.of("generate", "-f", dir.toString(), "-o", out.toString());

    CliRun upToDate = CliRun.of(check);
    assertThat(upToDate.exitCode()).isZero();
    assertThat(upToDate.out()).contains("is up to date with the specs");

    Files.writeString(spec, VALID.replace("image: a:1", "image: a:2"));
    Files.writeString(out.resolve("stray.yaml"), "kind: Stray\n");
    Map<String, String> before = snapshot(out);
    CliRun stale = CliRun.of(check);

    assertThat(stale.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(stale.out())
        .contains("would change " + out.resolve("a/base"))
        .contains("would remove " + out.resolve("stray.yaml"));
    assertThat(stale.err()).contains("is not what the specs generate");
    assertThat(snapshot(out)).isEqualTo(before);
  }

  @Test
  void checkRefusesADirectoryItDidNotWrite(@TempDir Path dir) throws IOException {
    Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("minato.yaml"), VALID);
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "my notes\n");

    CliRun run =
        CliRun.of("generate", "-f", dir.resolve("a").toString(), "-o", mine.toString(), "--check");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("was not written by minato generate");
  }

  @Test
  void flatWritesOneFilePerEnvironment(@TempDir Path dir) {
    Path out = dir.resolve("flat");

    CliRun run = CliRun.of("generate", "--flat", "-f", EXAMPLES, "-o", out.toString(), "-q");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(out.resolve("shop-api/dev.yaml")).exists();
    assertThat(out.resolve("shop-api/prd.yaml")).exists();
    assertThat(out.resolve("shop-api/base")).doesNotExist();
  }

  @Test
  void invalidSpecsExitWithTwoListAllErrorsAndKeepThePreviousOutput(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("m");
    Path spec = dir.resolve("minato.yaml");
    Files.writeString(spec, VALID);
    assertThat(CliRun.of("generate", "-f", spec.toString(), "-o", out.toString()).exitCode())
        .isZero();
    Map<String, String> before = snapshot(out);
    Files.writeString(spec, VALID.replace("a:1", "a:latest").replace("cpu: 1", "cpu: one"));

    CliRun run = CliRun.of("generate", "-f", spec.toString(), "-o", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .contains(spec + ":5:10: spec.image: image 'a:latest' uses the 'latest' tag")
        .contains(spec + ":7:20: spec.resources.cpu: 'one' is not a quantity")
        .contains("2 errors in the specs; nothing was written");
    assertThat(snapshot(out)).isEqualTo(before);
  }

  @Test
  void aMissingInputIsInvalidInput(@TempDir Path dir) {
    CliRun run =
        CliRun.of(
            "generate", "-f", dir.resolve("nope").toString(), "-o", dir.resolve("o").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("no such file or directory");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void refusesToOverwriteADirectoryItDidNotWrite(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "mine");

    CliRun run = CliRun.of("generate", "-f", EXAMPLES, "-o", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("was not written by minato generate");
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
  }

  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(path).toString(), Files.readString(path));
      }
    }
    return files;
  }
}
