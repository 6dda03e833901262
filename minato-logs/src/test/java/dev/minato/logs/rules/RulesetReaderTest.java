package dev.minato.logs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.logs.read.LogFormat;
import dev.minato.logs.write.OutputFormat;
import dev.minato.manifest.ManifestException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class RulesetReaderTest {

  static final String EXAMPLE =
      """
      pseudonym:
        current: k2026
        keys:
          - id: k2026
            env: LOG_KEY_2026
          - id: k2025
            file: keys/2025
      rules:
        - name: secrets
          keys: [password, secret]
          action: redact
        - name: tokens
          keyPattern: "(?i).*_token"
          action: redact
          replacement: "***"
        - name: cards
          value: card
          action: partial
          keep: 4
        - name: emails
          value: email
          in: [msg, user]
          action: pseudonym
        - name: orders
          valuePattern: "ORD-[0-9]{8}"
          contains: "ORD-"
          action: redact
      routing:
        label: app
        streams:
          checkout: payments
        default: other
      tests:
        - name: a card in a message
          input: "app:checkout\\tmsg:paid 4111 1111 1111 1111"
          expect: "app:checkout\\tmsg:paid **** **** **** 1111"
          stream: payments
        - name: json in, json out
          from: json
          input: '{"password":"x"}'
          expect: '{"password":"[REDACTED]"}'
      """;

  private static Ruleset read(String text) throws ManifestException {
    return RulesetReader.read("logs.yaml", text, Path.of("/repo/.minato"));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(String text) {
    return assertThatThrownBy(() -> read(text)).isInstanceOf(ManifestException.class);
  }

  private static String located(String text) {
    try {
      read(text);
    } catch (ManifestException e) {
      return e.located();
    }
    throw new AssertionError("read without error:\n" + text);
  }

  @Test
  void readsEveryKindOfRuleInOrder() throws Exception {
    Ruleset ruleset = read(EXAMPLE);
    assertThat(ruleset.rules())
        .extracting(Rule::name)
        .containsExactly("secrets", "tokens", "cards", "emails", "orders");
    assertThat(ruleset.rules().get(0).match())
        .isEqualTo(new Match.KeyName(List.of("password", "secret")));
    assertThat(ruleset.rules().get(1).action()).isEqualTo(new Action.Redact("***"));
    assertThat(ruleset.rules().get(2).match())
        .isEqualTo(new Match.Detector(ValueKind.CARD, List.of()));
    assertThat(ruleset.rules().get(2).action()).isEqualTo(new Action.Partial(4));
    assertThat(ruleset.rules().get(3).match())
        .isEqualTo(new Match.Detector(ValueKind.EMAIL, List.of("msg", "user")));
    assertThat(ruleset.rules().get(4).match())
        .isEqualTo(new Match.ValuePattern("ORD-[0-9]{8}", Optional.of("ORD-"), List.of()));
    assertThat(ruleset.rules().get(3).at().toString()).isEqualTo("logs.yaml:20:5");
  }

  @Test
  void readsKeysWithFilesRelativeToTheRuleset() throws Exception {
    PseudonymKeys keys = read(EXAMPLE).keys().orElseThrow();
    assertThat(keys.current()).isEqualTo("k2026");
    assertThat(keys.keys())
        .containsExactly(
            new PseudonymKeys.KeyRef("k2026", new PseudonymKeys.EnvVariable("LOG_KEY_2026")),
            new PseudonymKeys.KeyRef(
                "k2025", new PseudonymKeys.KeyFile(Path.of("/repo/.minato/keys/2025"))));
  }

  @Test
  void readsRoutingAndVectorCases() throws Exception {
    Ruleset ruleset = read(EXAMPLE);
    Routing routing = ruleset.routing().orElseThrow();
    assertThat(routing.streamOf(Optional.of("checkout"))).isEqualTo("payments");
    assertThat(routing.streamOf(Optional.of("search"))).isEqualTo("other");
    assertThat(ruleset.tests()).hasSize(2);
    VectorCase first = ruleset.tests().get(0);
    assertThat(first.input()).isEqualTo("app:checkout\tmsg:paid 4111 1111 1111 1111");
    assertThat(first.from()).isEqualTo(LogFormat.LTSV);
    assertThat(first.to()).isEqualTo(OutputFormat.LTSV);
    assertThat(first.stream()).contains("payments");
    assertThat(ruleset.tests().get(1).to()).isEqualTo(OutputFormat.JSON);
  }

  @Test
  void anEmptyFileIsAnEmptyRuleset() throws Exception {
    assertThat(read("# nothing yet\n")).isEqualTo(Ruleset.empty());
  }

  @Test
  void anUnknownFieldIsRefusedAtItsKeyWithASuggestion() {
    assertThat(located("rules:\n  - name: a\n    keys: [x]\n    acton: redact\n"))
        .isEqualTo(
            "logs.yaml:4:5: unknown field 'acton', did you mean 'action'? (known here: name, keys,"
                + " keyPattern, value, valuePattern, contains, in, action, keep, replacement)");
  }

  @Test
  void anUnknownDetectorIsRefusedWithASuggestion() {
    assertThat(located("rules:\n  - value: emial\n    action: redact\n"))
        .startsWith("logs.yaml:2:12: value 'emial' is not one of card, email,")
        .endsWith("did you mean 'email'?");
  }

  @Test
  void anUnknownActionIsRefusedWithASuggestion() {
    assertThat(located("rules:\n  - keys: [a]\n    action: redakt\n"))
        .isEqualTo(
            "logs.yaml:3:13: action 'redakt' is not one of redact, partial, pseudonym, did you mean"
                + " 'redact'?");
  }

  @Test
  void aRuleNeedsExactlyOneMatch() {
    assertThat(located("rules:\n  - name: a\n    action: redact\n"))
        .startsWith("logs.yaml:2:5: rule 'a' needs exactly one of keys, keyPattern, value");
    assertThat(located("rules:\n  - keys: [a]\n    value: card\n    action: redact\n"))
        .startsWith("logs.yaml:3:5: rule 'rule 1' needs exactly one of")
        .endsWith("it has keys and value");
  }

  @Test
  void aBadRegexIsRefusedAtItsValue() {
    assertThat(located("rules:\n  - keyPattern: \"a(b\"\n    action: redact\n"))
        .startsWith("logs.yaml:2:17: 'keyPattern': not a Java regular expression: Unclosed group");
  }

  @Test
  void aPatternMatchingEmptyTextIsRefused() {
    refused("rules:\n  - valuePattern: \"x*\"\n    action: redact\n")
        .hasMessageContaining("matches empty text");
  }

  @Test
  void optionsOfOtherActionsAreRefused() {
    assertThat(located("rules:\n  - keys: [a]\n    action: redact\n    keep: 2\n"))
        .isEqualTo("logs.yaml:4:5: 'keep' goes with action 'partial', not 'redact'");
    assertThat(located("rules:\n  - keys: [a]\n    in: [msg]\n    action: redact\n"))
        .isEqualTo("logs.yaml:3:5: 'in' goes with 'value' or 'valuePattern', not with 'keys'");
  }

  @Test
  void keepOutOfRangeIsRefused() {
    assertThat(located("rules:\n  - value: card\n    action: partial\n    keep: -1\n"))
        .isEqualTo("logs.yaml:4:11: 'keep' must be from 0 to 64, not -1");
  }

  @Test
  void aPseudonymRuleWithoutKeysIsRefused() {
    refused("rules:\n  - value: email\n    action: pseudonym\n")
        .hasMessageContaining("action 'pseudonym' needs keys");
  }

  @Test
  void keysNeedExactlyOneSourceAndAKnownCurrentId() {
    assertThat(located("pseudonym:\n  keys:\n    - id: a\n      env: X\n      file: y\n"))
        .startsWith("logs.yaml:3:7: key 'a' needs exactly one of 'env'");
    assertThat(located("pseudonym:\n  current: k1\n  keys:\n    - id: k2\n      env: X\n"))
        .isEqualTo("logs.yaml:2:12: current key 'k1' is not in keys, did you mean 'k2'?");
    assertThat(located("pseudonym:\n  keys:\n    - id: Bad_Id\n      env: X\n"))
        .startsWith("logs.yaml:3:11: key id 'Bad_Id' must be");
  }

  @Test
  void aStreamThatCannotNameAFileIsRefused() {
    assertThat(located("routing:\n  label: app\n  streams:\n    a: ../etc\n"))
        .startsWith("logs.yaml:4:8: stream '../etc' must be letters, digits");
  }

  @Test
  void aCaseCheckingTheStreamNeedsRouting() {
    assertThat(located("tests:\n  - name: n\n    input: a:1\n    expect: a:1\n    stream: s\n"))
        .isEqualTo("logs.yaml:5:5: 'stream' is checked only when the ruleset has 'routing'");
  }

  @Test
  void anUnknownCaseFormatIsRefusedWithASuggestion() {
    assertThat(located("tests:\n  - name: n\n    from: jsn\n    input: a\n    expect: a\n"))
        .isEqualTo(
            "logs.yaml:3:11: format 'jsn' is not one of ltsv, json, nginx, did you mean 'json'?");
  }

  @Test
  void duplicateRuleNamesAreRefused() {
    refused(
            "rules:\n  - name: a\n    keys: [x]\n    action: redact\n  - name: a\n    keys: [y]\n    action: redact\n")
        .hasMessageContaining("a second rule named 'a'");
  }

  @Test
  void aRulesetThatIsNotAMappingIsRefused() {
    assertThat(located("- a\n- b\n"))
        .isEqualTo("logs.yaml:1:1: the ruleset must be a mapping of fields");
  }
}
