package dev.minato.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {

  private static final String RULES =
      """
      pseudonym:
        keys:
          - id: t1
            file: key.txt
      rules:
        - name: passwords
          keys: [password]
          action: redact
        - name: cards
          value: card
          action: partial
        - name: emails
          value: email
          action: pseudonym
      routing:
        label: app
        streams:
          checkout: payments
        default: other
      tests:
        - name: a card is cut to its last four
          input: "app:checkout\\tmsg:paid 4111 1111 1111 1111"
          expect: "app:checkout\\tmsg:paid **** **** **** 1111"
          stream: payments
        - name: a password is redacted in JSON
          from: json
          input: '{"user":"ann","password":"hunter2"}'
          expect: '{"user":"ann","password":"[REDACTED]"}'
      """;

  @TempDir Path dir;

  private Path rules(String text) throws Exception {
    Files.writeString(dir.resolve("key.txt"), "0123456789abcdef0123456789abcdef\n");
    Path file = dir.resolve("logs.yaml");
    Files.writeString(file, text);
    return file;
  }

  private Path input(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void maskTurnsLtsvIntoMaskedJsonLines() throws Exception {
    Path log =
        input(
            "app.log",
            "app:checkout\tmsg:paid 4111111111111111\tpassword:x\n"
                + "app:search\tmsg:by ann@example.com\n");
    CliRun run = CliRun.of("logs", "mask", "--rules", rules(RULES).toString(), log.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().split("\n");
    assertThat(lines[0])
        .isEqualTo(
            "{\"app\":\"checkout\",\"msg\":\"paid ************1111\",\"password\":\"[REDACTED]\"}");
    assertThat(lines[1]).matches("\\{\"app\":\"search\",\"msg\":\"by tok:t1:[A-Za-z0-9_-]{22}\"}");
    assertThat(run.err()).contains("2 lines read, 2 written, 0 not in the input format");
  }

  @Test
  void badLinesPassOnMaskedAndAreCounted() throws Exception {
    Path log = input("app.log", "app:a\tmsg:ok\nbroken line with 4111111111111111\n");
    CliRun run = CliRun.of("logs", "mask", "--rules", rules(RULES).toString(), log.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "{\"log\":\"broken line with ************1111\",\"parse_error\":\"column 1: a field"
                + " without ':'; expected label:value (fields split by tabs)\"}");
    assertThat(run.err())
        .contains(log + ":2:1: a field without ':'")
        .contains("1 not in the input format (passed on as log + parse_error)");
  }

  @Test
  void dropBadDropsThemAndStillCounts() throws Exception {
    Path log = input("app.log", "app:a\tmsg:ok\nbroken\n");
    CliRun run =
        CliRun.of("logs", "mask", "--drop-bad", "--rules", rules(RULES).toString(), log.toString());
    assertThat(run.out()).isEqualTo("{\"app\":\"a\",\"msg\":\"ok\"}\n");
    assertThat(run.err()).contains("2 lines read, 1 written, 1 not in the input format (dropped)");
  }

  @Test
  void outDirWritesOneFilePerRoutedStream() throws Exception {
    Path log =
        input(
            "app.log", "app:checkout\tmsg:a\napp:search\tmsg:b\nmsg:no app\napp:checkout\tmsg:c\n");
    Path out = dir.resolve("streams");
    CliRun run =
        CliRun.of(
            "logs",
            "mask",
            "--rules",
            rules(RULES).toString(),
            "--to",
            "ltsv",
            "--out-dir",
            out.toString(),
            log.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(out.resolve("payments.ltsv")))
        .isEqualTo("app:checkout\tmsg:a\napp:checkout\tmsg:c\n");
    assertThat(Files.readString(out.resolve("other.ltsv")))
        .isEqualTo("app:search\tmsg:b\nmsg:no app\n");
    assertThat(run.err()).contains("payments.ltsv: 2 lines");
  }

  @Test
  void outDirThatHoldsFilesIsRefusedAndLeftAlone() throws Exception {
    Path out = Files.createDirectories(dir.resolve("streams"));
    Files.writeString(out.resolve("payments.ltsv"), "old\n");
    CliRun run =
        CliRun.of(
            "logs",
            "mask",
            "--rules",
            rules(RULES).toString(),
            "--out-dir",
            out.toString(),
            input("app.log", "app:checkout\tmsg:a\n").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("not empty");
    assertThat(Files.readString(out.resolve("payments.ltsv"))).isEqualTo("old\n");
  }

  @Test
  void aBadRulesetIsExit2AtFileLineColumn() throws Exception {
    Path file = rules("rules:\n  - keys: [a]\n    action: redakt\n");
    CliRun run = CliRun.of("logs", "mask", "--rules", file.toString(), "/dev/null");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            file
                + ":3:13: action 'redakt' is not one of redact, partial, pseudonym, did you"
                + " mean 'redact'?");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingPseudonymKeyIsAnEnvironmentErrorThatDoesNotShowKeys() throws Exception {
    Path file =
        rules(
            "pseudonym:\n  keys:\n    - id: a\n      env: MINATO_TEST_UNSET_KEY\nrules:\n"
                + "  - value: email\n    action: pseudonym\n");
    CliRun run = CliRun.of("logs", "mask", "--rules", file.toString(), "/dev/null");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("MINATO_TEST_UNSET_KEY is not set");
  }

  @Test
  void convertReadsNginxIntoJson() throws Exception {
    Path log =
        input(
            "access.log",
            "10.0.0.1 - - [30/Nov/2026:12:00:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"curl\"\n");
    CliRun run = CliRun.of("logs", "convert", "--from", "nginx", log.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("{\"remote_addr\":\"10.0.0.1\",")
        .contains("\"request_uri\":\"/a\"");
  }

  @Test
  void convertJoinsSplitCriLinesAndReadsTheInnerFormat() throws Exception {
    Path log =
        input(
            "cri.log",
            "2026-11-30T12:00:00Z stdout P a:1\tb:x\n2026-11-30T12:00:01Z stdout F yz\n");
    CliRun run =
        CliRun.of(
            "logs", "convert", "--from", "cri", "--inner", "ltsv", "--to", "ltsv", log.toString());
    assertThat(run.out()).isEqualTo("a:1\tb:xyz\tstream:stdout\ttime:2026-11-30T12:00:00Z\n");
  }

  @Test
  void anUnknownFormatIsExit2WithASuggestion() {
    CliRun run = CliRun.of("logs", "convert", "--from", "ltvs", "/dev/null");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--from ltvs: expected one of ltsv, json, nginx, cri, docker, did you mean 'ltsv'?");
  }

  @Test
  void testPassesWhenEveryCaseHolds() throws Exception {
    CliRun run = CliRun.of("logs", "test", "--rules", rules(RULES).toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("PASS  a card is cut to its last four")
        .contains("2 cases, 0 failed");
  }

  @Test
  void testFailsWithAReadableDiffWhenARuleStopsMasking() throws Exception {
    String weakened = RULES.replace("keys: [password]", "keys: [passwd]");
    CliRun run = CliRun.of("logs", "test", "--rules", rules(weakened).toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAIL  a password is redacted in JSON  (" + dir.resolve("logs.yaml") + ":25:5)")
        .contains("      expected: {\"user\":\"ann\",\"password\":\"[REDACTED]\"}")
        .contains("      actual:   {\"user\":\"ann\",\"password\":\"hunter2\"}")
        .contains("^ first difference at column 27")
        .contains("2 cases, 1 failed");
  }

  @Test
  void testReportsAWrongStream() throws Exception {
    String moved = RULES.replace("checkout: payments", "checkout: shop");
    CliRun run = CliRun.of("logs", "test", "--rules", rules(moved).toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("stream: expected payments, got shop");
  }

  @Test
  void testWithoutCasesIsExit2() throws Exception {
    CliRun run = CliRun.of("logs", "test", "--rules", rules("rules: []\n").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no vector cases");
  }

  @Test
  void casesFromAnotherFileAreRunToo() throws Exception {
    Path cases =
        input(
            "cases.yaml",
            "tests:\n  - name: extra\n    input: \"password:a\"\n    expect: \"password:b\"\n");
    CliRun run =
        CliRun.of("logs", "test", "--rules", rules(RULES).toString(), "--cases", cases.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL  extra").contains("3 cases, 1 failed");
  }

  @Test
  void stdoutGetsTheBytesTheRoutedEventPathWrites() throws Exception {
    // To stdout, LTSV to JSON goes from bytes to bytes; --out-dir takes every line through events.
    // With one stream for all, the two must write the same bytes.
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes(
        ("app:checkout\tmsg:paid 4111 1111 1111 1111 by ann@example.com\tpassword:x\n"
                + "msg:caf\u00e9 \u65e5\u672c \ud83d\ude00 \u2028 \"q\" \\ \u0001\r\n"
                + "broken line with 4111111111111111\n"
                + "a:1\ta:2\n"
                + "l\u00e4bel:x\t\tmsg:ok\t\n"
                + "\n"
                + "msg:")
            .getBytes(StandardCharsets.UTF_8));
    text.writeBytes(new byte[] {(byte) 0xFF, 'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'});
    text.writeBytes("password:\u00e4\tmsg:end".getBytes(StandardCharsets.UTF_8));
    Path log = dir.resolve("app.log");
    Files.write(log, text.toByteArray());
    String oneStream = RULES.replace("checkout: payments", "nothing: payments");
    Path rules = rules(oneStream);

    CliRun stdout = CliRun.of("logs", "mask", "--rules", rules.toString(), log.toString());
    Path byStream = dir.resolve("by-stream");
    CliRun routed =
        CliRun.of(
            "logs",
            "mask",
            "--rules",
            rules.toString(),
            "--out-dir",
            byStream.toString(),
            log.toString());

    assertThat(stdout.exitCode()).as(stdout.err()).isZero();
    assertThat(routed.exitCode()).as(routed.err()).isZero();
    assertThat(stdout.out().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(Files.readAllBytes(byStream.resolve("other.jsonl")));
    assertThat(stdout.out().split("\n")).hasSize(8);
    assertThat(stdout.err()).contains("8 lines read, 8 written, 3 not in the input format");
  }
}
