package dev.minato.logs.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.logs.LogEvent;
import dev.minato.logs.rules.Action;
import dev.minato.logs.rules.Match;
import dev.minato.logs.rules.PseudonymKeys;
import dev.minato.logs.rules.Rule;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.ValueKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskerTest {

  private static final String KEY = "k".repeat(32);
  private static final PseudonymKeys KEYS =
      new PseudonymKeys(
          "k1", List.of(new PseudonymKeys.KeyRef("k1", new PseudonymKeys.EnvVariable("LOG_KEY"))));

  private static Masker masker(Rule... rules) throws Exception {
    return Masker.of(
        new Ruleset(List.of(rules), Optional.of(KEYS), Optional.empty(), List.of()),
        Map.of("LOG_KEY", KEY));
  }

  private static LogEvent event(String... labelsAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      fields.put(labelsAndValues[i], labelsAndValues[i + 1]);
    }
    return new LogEvent(fields);
  }

  private static Rule detector(ValueKind kind, Action action) {
    return Rule.of(kind.id(), new Match.Detector(kind, List.of()), action);
  }

  @Test
  void aKeyRuleReplacesTheWholeValueAndValueRulesDoNotLookAtIt() throws Exception {
    Masker masker =
        masker(
            Rule.of("pw", new Match.KeyName(List.of("Password")), Action.Redact.standard()),
            detector(ValueKind.EMAIL, new Action.Redact("<email>")));
    assertThat(masker.mask(event("password", "a@b.io", "msg", "hi a@b.io")).fields())
        .containsExactly(Map.entry("password", "[REDACTED]"), Map.entry("msg", "hi <email>"));
  }

  @Test
  void keyNamesMatchWithoutCaseAndByTheLastPartOfADottedLabel() throws Exception {
    Masker masker =
        masker(Rule.of("pw", new Match.KeyName(List.of("password")), new Action.Redact("x")));
    assertThat(masker.mask(event("PASSWORD", "1", "user.password", "2", "passwords", "3")).fields())
        .containsExactly(
            Map.entry("PASSWORD", "x"),
            Map.entry("user.password", "x"),
            Map.entry("passwords", "3"));
  }

  @Test
  void keyPatternsMatchTheWholeLabel() throws Exception {
    Masker masker =
        masker(Rule.of("tok", new Match.KeyPattern("(?i).*_token"), new Action.Redact("x")));
    assertThat(masker.mask(event("access_token", "1", "token_type", "2")).fields())
        .containsExactly(Map.entry("access_token", "x"), Map.entry("token_type", "2"));
  }

  @Test
  void partialKeepsTheLastDigitsAndTheSeparators() throws Exception {
    Masker masker = masker(detector(ValueKind.CARD, new Action.Partial(4)));
    assertThat(masker.maskValue("msg", "card 4111 1111 1111 1111 ok"))
        .isEqualTo("card **** **** **** 1111 ok");
  }

  @Test
  void partialNeverShowsMoreThanHalf() {
    assertThat(Masker.partial("123456", 4)).isEqualTo("***456");
    assertThat(Masker.partial("ab", 4)).isEqualTo("*b");
    assertThat(Masker.partial("secret", 0)).isEqualTo("******");
  }

  @Test
  void pseudonymsAreStableKeyedAndNameTheirKey() throws Exception {
    Masker masker = masker(detector(ValueKind.EMAIL, new Action.Pseudonym()));
    String first = masker.maskValue("msg", "alice@example.com");
    assertThat(first).matches("tok:k1:[A-Za-z0-9_-]{22}");
    assertThat(masker.maskValue("other", "by alice@example.com")).isEqualTo("by " + first);
    assertThat(masker.maskValue("msg", "bob@example.com")).isNotEqualTo(first);
    Masker otherKey =
        Masker.of(
            new Ruleset(
                List.of(detector(ValueKind.EMAIL, new Action.Pseudonym())),
                Optional.of(KEYS),
                Optional.empty(),
                List.of()),
            Map.of("LOG_KEY", "z".repeat(32)));
    assertThat(otherKey.maskValue("msg", "alice@example.com")).isNotEqualTo(first);
  }

  @Test
  void aMissingOrShortKeyIsRefusedWithoutShowingIt() {
    Ruleset ruleset =
        new Ruleset(
            List.of(detector(ValueKind.EMAIL, new Action.Pseudonym())),
            Optional.of(KEYS),
            Optional.empty(),
            List.of());
    assertThatThrownBy(() -> Masker.of(ruleset, Map.of()))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageContaining("LOG_KEY is not set");
    assertThatThrownBy(() -> Masker.of(ruleset, Map.of("LOG_KEY", "tiny-secret")))
        .hasMessageContaining("at least 32")
        .hasMessageNotContaining("tiny-secret");
  }

  @Test
  void aKeyFileIsReadWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, KEY + "\n");
    PseudonymKeys fromFile =
        new PseudonymKeys(
            "k1", List.of(new PseudonymKeys.KeyRef("k1", new PseudonymKeys.KeyFile(file))));
    Rule rule = detector(ValueKind.EMAIL, new Action.Pseudonym());
    Masker viaFile =
        Masker.of(
            new Ruleset(List.of(rule), Optional.of(fromFile), Optional.empty(), List.of()),
            Map.of());
    assertThat(viaFile.maskValue("m", "a@b.io")).isEqualTo(masker(rule).maskValue("m", "a@b.io"));
  }

  @Test
  void valueRulesLimitedByInLookOnlyAtThoseLabels() throws Exception {
    Masker masker =
        masker(
            Rule.of(
                "ip",
                new Match.Detector(ValueKind.IPV4, List.of("client")),
                new Action.Redact("ip")));
    assertThat(masker.mask(event("client", "10.0.0.1", "server", "10.0.0.2")).fields())
        .containsExactly(Map.entry("client", "ip"), Map.entry("server", "10.0.0.2"));
  }

  @Test
  void customPatternsRunOnlyWhereTheirPreCheckTextIs() throws Exception {
    Masker masker =
        masker(
            Rule.of(
                "order",
                new Match.ValuePattern("ORD-[0-9]{4}", Optional.of("ORD-"), List.of()),
                new Action.Redact("[order]")));
    assertThat(masker.maskValue("m", "ORD-1234 and ORD-99")).isEqualTo("[order] and ORD-99");
  }

  @Test
  void overlappingMatchesKeepTheEarlierThenLongerOne() throws Exception {
    Masker masker =
        masker(
            detector(ValueKind.IPV4, new Action.Redact("<ip>")),
            Rule.of(
                "host",
                new Match.ValuePattern("host=[0-9.]+", Optional.empty(), List.of()),
                new Action.Redact("<host>")));
    assertThat(masker.maskValue("m", "host=10.0.0.1 via 10.0.0.2")).isEqualTo("<host> via <ip>");
  }

  @Test
  void anEventWithNothingToMaskIsReturnedAsItIs() throws Exception {
    Masker masker = masker(detector(ValueKind.CARD, Action.Redact.standard()));
    LogEvent event = event("msg", "nothing here", "n", "42");
    assertThat(masker.mask(event)).isSameAs(event);
  }
}
