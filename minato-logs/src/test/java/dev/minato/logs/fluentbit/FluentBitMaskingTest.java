package dev.minato.logs.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.LogEvent;
import dev.minato.logs.mask.Masker;
import dev.minato.logs.mask.VectorCheck;
import dev.minato.logs.read.Reading;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import dev.minato.logs.rules.VectorCase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The compiled Fluent Bit script and the Java engine agree: the same ruleset's vector cases, run
 * through the generated Lua by a real Lua interpreter, give the lines the engine gives.
 */
class FluentBitMaskingTest {

  private static final String RULES =
      """
      rules:
        - name: secrets
          keys: [password, secret]
          action: redact
        - name: tokens
          keyPattern: "(?i).*(_token|_key)"
          action: redact
        - name: cards
          value: card
          action: partial
          keep: 4
        - name: bearer
          value: bearer
          action: redact
        - name: aws
          value: aws-access-key
          action: redact
          replacement: "<aws>"
        - name: ssn
          valuePattern: "SSN [0-9]{3}-[0-9]{2}-[0-9]{4}"
          contains: "SSN "
          action: redact
        - name: order-ids
          valuePattern: "(?i)ord-[a-z0-9]+"
          in: [msg]
          action: partial
          keep: 2
        - name: emails
          value: email
          action: redact
          replacement: "<email>"
        - name: jwts
          value: jwt
          action: redact
          replacement: "<jwt>"
        - name: private-keys
          value: private-key
          action: redact
          replacement: "<key>"
        - name: client-v4
          value: ipv4
          in: [client]
          action: partial
          keep: 1
        - name: client-v6
          value: ipv6
          in: [client]
          action: redact
          replacement: "<v6>"
      tests:
        - name: key names, any case, and nested labels
          input: "PassWord:hunter2\\tuser.secret:s3\\tmsg:ok"
          from: ltsv
          expect: "PassWord:[REDACTED]\\tuser.secret:[REDACTED]\\tmsg:ok"
        - name: key pattern with alternatives, case-insensitive
          input: "API_KEY:abc\\tsession_token:def\\tkeyring:ghi"
          from: ltsv
          expect: "API_KEY:[REDACTED]\\tsession_token:[REDACTED]\\tkeyring:ghi"
        - name: a Luhn-valid card is masked, a look-alike stays
          input: "msg:paid with 4111 1111 1111 1111, order 4111 1111 1111 1112"
          from: ltsv
          expect: "msg:paid with **** **** **** 1111, order 4111 1111 1111 1112"
        - name: a card glued to a word stays
          input: "msg:id=x4111111111111111 and 5500-0000-0000-0004."
          from: ltsv
          expect: "msg:id=x4111111111111111 and ****-****-****-0004."
        - name: bearer tokens keep the word
          input: "auth:Bearer abcdefghijklmnop0123== then BEARER short"
          from: ltsv
          expect: "auth:Bearer [REDACTED] then BEARER short"
        - name: AWS keys and a custom pattern
          input: "msg:key AKIAIOSFODNN7EXAMPLE and SSN 123-45-6789 and ORD-77ab12"
          from: ltsv
          expect: "msg:key <aws> and [REDACTED] and ***-****12"
        - name: in limits a value rule to its labels
          input: "other:ORD-77ab12\\tmsg:ord-99"
          from: ltsv
          expect: "other:ORD-77ab12\\tmsg:***-99"
        - name: e-mail addresses, and the look-alikes code holds
          input: "msg:by ann.lee+x@mail.example.co.uk, @Override lib@1.2.3 root@localhost a@b.c x@y.com."
          from: ltsv
          expect: "msg:by <email>, @Override lib@1.2.3 root@localhost a@b.c <email>."
        - name: a JWT whose header and payload are JSON objects; a fake eyJ stays
          input: "msg:jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl fake eyJhYmM.eyJ4.y"
          from: ltsv
          expect: "msg:jwt <jwt> fake eyJhYmM.eyJ4.y"
        - name: JWT parts of every length modulo 4, one with trailing whitespace
          input: "msg:a eyJhIjoxfQ.eyJiIjoyIH0.s b eyJhIjoxMjN9.eyJiIjoyfQ.s c eyJhIjoxfQ.eyJiIjoxfSAK.s"
          from: ltsv
          expect: "msg:a <jwt> b <jwt> c <jwt>"
        - name: private keys, a cut-off one too; a certificate stays
          input: "msg:k -----BEGIN RSA PRIVATE KEY-----\\nMIIabc\\n-----END RSA PRIVATE KEY----- ok -----BEGIN CERTIFICATE----- then far enough from it -----BEGIN PRIVATE KEY-----\\nMII"
          from: ltsv
          expect: "msg:k <key> ok -----BEGIN CERTIFICATE----- then far enough from it <key>"
        - name: IPv4 in the client label only, versions and out-of-range parts stay
          input: "client:10.20.30.40 v1.2.3.4 1.2.3.4.5 256.1.1.1 01.2.3.4 192.168.0.1\tmsg:10.0.0.1"
          from: ltsv
          expect: "client:**.**.**.*0 v1.2.3.4 1.2.3.4.5 256.1.1.1 01.2.3.4 ***.***.*.1\tmsg:10.0.0.1"
        - name: IPv6 forms, and times, MACs and C++ names that stay
          input: "client:2001:db8::1 ::1 fe80:0:0:0:0:0:0:1 ::ffff:192.0.2.1 12:30:45 00:1a:2b:3c:4d:5e std::vector a::b:: 1:2:3:4:5:6:7:8:9"
          from: ltsv
          expect: "client:<v6> <v6> <v6> <v6> 12:30:45 00:1a:2b:3c:4d:5e std::vector a::b:: 1:2:3:4:5:6:7:8:9"
        - name: JSON lines
          input: '{"msg":"card 378282246310005 done","secret":"x","n":"1"}'
          from: json
          expect: '{"msg":"card ***********0005 done","secret":"[REDACTED]","n":"1"}'
      """;

  private static Ruleset ruleset() throws Exception {
    return RulesetReader.read("rules.yaml", RULES, Path.of("."));
  }

  @Test
  void everyRuleOfThisRulesetCompiles() throws Exception {
    FluentBitMasking.Compiled compiled = FluentBitMasking.compile(ruleset(), "the test");

    assertThat(compiled.skipped()).isEmpty();
    assertThat(compiled.compiledRules()).isEqualTo(12);
  }

  @Test
  void theEngineAndTheCompiledLuaAgreeOnEveryVectorCase() throws Exception {
    Ruleset ruleset = ruleset();
    Masker masker = Masker.of(ruleset, Map.of());
    LuaFilter lua = new LuaFilter(FluentBitMasking.compile(ruleset, "the test").script());

    assertThat(ruleset.tests()).hasSize(14);
    for (VectorCase vector : ruleset.tests()) {
      VectorCheck java = VectorCheck.run(vector, masker, Optional.empty());
      assertThat(java.passed()).as("the engine on %s: %s", vector.name(), java).isTrue();
      LogEvent input = ((Reading.Parsed) vector.from().parser().parse(vector.input())).event();
      String luaLine = vector.to().writer().format(lua.mask(input));
      assertThat(luaLine).as(vector.name()).isEqualTo(vector.expect());
    }
  }

  @Test
  void nestedFieldsAreLabelledWithDotsAndTheKubernetesMetadataIsLeftAlone() throws Exception {
    LuaFilter lua = new LuaFilter(FluentBitMasking.compile(ruleset(), "the test").script());
    LuaTable user = new LuaTable();
    user.set("password", LuaValue.valueOf("hunter2"));
    LuaTable kubernetes = new LuaTable();
    kubernetes.set("secret", LuaValue.valueOf("pod-label"));
    LuaTable record = new LuaTable();
    record.set("user", user);
    record.set("kubernetes", kubernetes);

    LuaValue masked = lua.call(record).arg(3);

    assertThat(masked.get("user").get("password").tojstring()).isEqualTo("[REDACTED]");
    assertThat(masked.get("kubernetes").get("secret").tojstring()).isEqualTo("pod-label");
  }

  @Test
  void pseudonymRulesAreReportedNotDropped() throws Exception {
    Ruleset ruleset = RulesetReader.read(Path.of("src/test/resources/corpus-rules.yaml"));

    FluentBitMasking.Compiled compiled = FluentBitMasking.compile(ruleset, "the corpus");

    assertThat(compiled.skipped())
        .extracting(s -> s.rule().name())
        .containsExactly("emails", "client-ipv4", "client-ipv6");
    assertThat(compiled.skipped().get(0).describe())
        .startsWith("rule 'emails' at ")
        .contains("pseudonym needs the HMAC key");
    assertThat(compiled.script()).contains("-- NOT COMPILED: rule 'client-ipv4' (line ");
    assertThat(compiled.compiledRules()).isEqualTo(9);
  }

  @Test
  void aPatternLuaCannotExpressIsReportedWithTheReason() throws Exception {
    Ruleset ruleset =
        RulesetReader.read(
            "rules.yaml",
            "rules:\n  - name: lazy\n    valuePattern: \"a.*?b\"\n    action: redact\n"
                + "  - name: behind\n    keyPattern: \"(?<=x)y\"\n    action: redact\n",
            Path.of("."));

    List<FluentBitMasking.Skipped> skipped = FluentBitMasking.compile(ruleset, "t").skipped();

    assertThat(skipped)
        .extracting(FluentBitMasking.Skipped::reason)
        .containsExactly(
            "a lazy or possessive quantifier", "a special group '(?' such as look-around");
  }
}
