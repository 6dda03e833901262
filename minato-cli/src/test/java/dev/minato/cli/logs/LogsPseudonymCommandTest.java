package dev.minato.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a value's lines across a key rotation with {@code minato logs pseudonym}. */
class LogsPseudonymCommandTest {

  @TempDir Path dir;

  /** A ruleset pseudonymising e-mail addresses with keys k2025 and k2026, {@code current} new. */
  private Path rules(String name, String current) throws Exception {
    Files.writeString(dir.resolve("k2025.key"), "2025-key-0123456789abcdef0123456789\n");
    Files.writeString(dir.resolve("k2026.key"), "2026-key-0123456789abcdef0123456789\n");
    return Files.writeString(
        dir.resolve(name),
        "pseudonym:\n  current: "
            + current
            + "\n  keys:\n    - {id: k2025, file: k2025.key}\n    - {id: k2026, file: k2026.key}\n"
            + "rules:\n  - {name: emails, value: email, action: pseudonym}\n");
  }

  private String masked(Path rules, String line) throws Exception {
    Path log = Files.writeString(dir.resolve("app.log"), line + "\n");
    CliRun run = CliRun.of("logs", "mask", "--rules", rules.toString(), log.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  @Test
  void theTokensOfAValueUnderEveryKeyFindItsLinesFromBeforeAndAfterARotation() throws Exception {
    String before = masked(rules("2025.yaml", "k2025"), "msg:signup by ann@example.com");
    String after = masked(rules("2026.yaml", "k2026"), "msg:login by ann@example.com");

    CliRun run =
        CliRun.of(
            "logs", "pseudonym", "--rules", dir.resolve("2026.yaml").toString(), "ann@example.com");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().split("\n");
    assertThat(lines).hasSize(2);
    String current = lines[0].split("\t")[0];
    String retired = lines[1].split("\t")[0];
    assertThat(current).startsWith("tok:k2026:");
    assertThat(retired).startsWith("tok:k2025:");
    assertThat(lines[0]).endsWith("\tann@example.com");
    assertThat(after).contains(current).doesNotContain(retired);
    assertThat(before).contains(retired).doesNotContain(current);
  }

  @Test
  void keyIdChoosesTheKeysAndValuesComeFromStdinWhenNoneAreGiven() throws Exception {
    Path rules = rules("logs.yaml", "k2026");
    String old = masked(rules("2025.yaml", "k2025"), "msg:by bob@example.org");

    CliRun run =
        CliRun.withStdin(
            "bob@example.org\ncy@example.net\n",
            "logs",
            "pseudonym",
            "--rules",
            rules.toString(),
            "--key-id",
            "k2025");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("tok:k2025:").endsWith("\tbob@example.org");
    assertThat(old).contains(lines[0].split("\t")[0]);
    assertThat(lines[1]).startsWith("tok:k2025:").endsWith("\tcy@example.net");
  }

  @Test
  void anUnknownKeyIdIsRefusedNamingTheRulesetsKeys() throws Exception {
    CliRun run =
        CliRun.of(
            "logs",
            "pseudonym",
            "--rules",
            rules("logs.yaml", "k2026").toString(),
            "--key-id",
            "k2024",
            "x@example.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("no pseudonym key 'k2024'").contains("[k2025, k2026]");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aRetiredKeyWhoseMaterialIsGoneIsAnEnvironmentErrorThatSuggestsKeyId() throws Exception {
    Path rules = rules("logs.yaml", "k2026");
    Files.delete(dir.resolve("k2025.key"));

    CliRun run = CliRun.of("logs", "pseudonym", "--rules", rules.toString(), "x@example.com");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("pseudonym key 'k2025'").contains("--key-id");
    assertThat(run.out()).isEmpty();
  }
}
