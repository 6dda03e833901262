package dev.minato.logs.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.rules.ValueKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What each built-in detector finds, and the look-alikes it leaves alone. */
class FindersTest {

  private static List<String> found(ValueKind kind, String value) {
    Matches matches = new Matches();
    Finders.of(kind).find(value, matches, 0);
    int[] kept = matches.resolved();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < kept.length; i += 3) {
      texts.add(value.substring(kept[i], kept[i + 1]));
    }
    return texts;
  }

  @Test
  void cardNumbersPassingLuhnAreFoundPlainOrGrouped() {
    assertThat(found(ValueKind.CARD, "paid with 4111111111111111 ok"))
        .containsExactly("4111111111111111");
    assertThat(found(ValueKind.CARD, "card=4111 1111 1111 1111;"))
        .containsExactly("4111 1111 1111 1111");
    assertThat(found(ValueKind.CARD, "amex 3782-822463-10005"))
        .containsExactly("3782-822463-10005");
  }

  @Test
  void cardLookAlikesStay() {
    assertThat(found(ValueKind.CARD, "order 4111111111111112")).isEmpty(); // fails Luhn
    assertThat(found(ValueKind.CARD, "id 94111111111111111")).isEmpty(); // too long / starts 9
    assertThat(found(ValueKind.CARD, "trace abc4111111111111111")).isEmpty(); // inside a word
    assertThat(found(ValueKind.CARD, "ts 1732965600000000")).isEmpty(); // starts with 1
  }

  @Test
  void aCardAfterAnUnrelatedNumberIsStillFound() {
    assertThat(found(ValueKind.CARD, "qty 12 4111 1111 1111 1111"))
        .containsExactly("4111 1111 1111 1111");
  }

  @Test
  void emailAddressesAreFoundAndCodeLookAlikesStay() {
    assertThat(found(ValueKind.EMAIL, "to <alice.o'x@mail.example.co.uk>, bob+1@ex.io."))
        .containsExactly("x@mail.example.co.uk", "bob+1@ex.io");
    assertThat(found(ValueKind.EMAIL, "at @Override void run(); lib@1.2.3 root@localhost a@b.c"))
        .isEmpty();
    assertThat(found(ValueKind.EMAIL, "x@-bad.com y@bad-.com z@a..com")).isEmpty();
  }

  @Test
  void jwtsAreFoundWhenHeaderAndPayloadAreJson() {
    String jwt =
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    assertThat(found(ValueKind.JWT, "token=" + jwt + " next")).containsExactly(jwt);
    assertThat(found(ValueKind.JWT, "eyJnotreally.eyJxx.yy")).isEmpty();
  }

  @Test
  void bearerTokensAreFoundAfterTheWordWhichStays() {
    assertThat(found(ValueKind.BEARER, "Authorization: Bearer abcDEF0123456789-._~+/="))
        .containsExactly("abcDEF0123456789-._~+/=");
    assertThat(found(ValueKind.BEARER, "BEARER ABCDEFGHIJKLMNOPQRST")).hasSize(1);
    assertThat(found(ValueKind.BEARER, "bearer short")).isEmpty();
    assertThat(found(ValueKind.BEARER, "Forbearer abcdefghijklmnopqrstu")).isEmpty();
  }

  @Test
  void awsAccessKeyIdsAreFoundAndNearMissesStay() {
    assertThat(found(ValueKind.AWS_ACCESS_KEY, "key=AKIAIOSFODNN7EXAMPLE,"))
        .containsExactly("AKIAIOSFODNN7EXAMPLE");
    assertThat(found(ValueKind.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLEX AKIAiosfodnn7example"))
        .isEmpty();
    assertThat(found(ValueKind.AWS_ACCESS_KEY, "AKIAIOSFODNN0EXAMPLE")).isEmpty(); // 0 not base32
  }

  @Test
  void privateKeyBlocksAreFoundWholeOrToTheEndWhenCutOff() {
    String block = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----";
    assertThat(found(ValueKind.PRIVATE_KEY, "key " + block + " done")).containsExactly(block);
    assertThat(found(ValueKind.PRIVATE_KEY, "-----BEGIN PRIVATE KEY-----\nMIIE"))
        .containsExactly("-----BEGIN PRIVATE KEY-----\nMIIE");
    assertThat(found(ValueKind.PRIVATE_KEY, "-----BEGIN CERTIFICATE-----\nMIIE")).isEmpty();
  }

  @Test
  void ipv4AddressesAreFoundAndVersionsStay() {
    assertThat(found(ValueKind.IPV4, "from 10.0.0.1, to 192.168.255.254."))
        .containsExactly("10.0.0.1", "192.168.255.254");
    assertThat(found(ValueKind.IPV4, "v1.2.3.4 1.2.3.4.5 256.1.1.1 01.2.3.4")).isEmpty();
  }

  @Test
  void ipv6AddressesAreFoundAndTimesMacsAndCodeStay() {
    assertThat(found(ValueKind.IPV6, "peer 2001:db8::1, lo ::1 full 2001:db8:0:0:0:0:2:1"))
        .containsExactly("2001:db8::1", "::1", "2001:db8:0:0:0:0:2:1");
    assertThat(found(ValueKind.IPV6, "mapped ::ffff:192.0.2.1"))
        .containsExactly("::ffff:192.0.2.1");
    assertThat(found(ValueKind.IPV6, "at 12:30:45 mac 00:1a:2b:3c:4d:5e std::vector Foo::bar x::y"))
        .isEmpty();
  }

  @Test
  void aJwtPartIsAnObjectExactlyWhenItsFullDecodingIsOne() {
    // The finder decodes only a part's first and last quantum; this holds it to a full decoding
    // on seeded parts: objects, arrays, text, trailing whitespace, every length modulo 4.
    Random random = new Random(20261201);
    String[] bodies = {
      "{}", "{\"a\":1}", "[1]", "{\"a\":1} ", "{\"a\":1}\n\n", "x}", "{x", " {}", "{ }"
    };
    int found = 0;
    for (int n = 0; n < 2_000; n++) {
      String body = bodies[random.nextInt(bodies.length)] + " ".repeat(random.nextInt(2));
      if (random.nextBoolean()) {
        body =
            body.substring(0, 1)
                + "\"k\":\""
                + "v".repeat(random.nextInt(9))
                + "\","
                + body.substring(1);
      }
      String header = encode("{\"alg\":\"HS256\"" + " ".repeat(random.nextInt(3)) + "}");
      String payload = encode(body);
      String jwt = header + "." + payload + ".sig" + random.nextInt(1000);
      // A part under 4 characters ("{}" is e30) is too short to be taken for a JWT's.
      boolean object = payload.length() >= 4 && isJsonObjectText(body);
      assertThat(found(ValueKind.JWT, "t " + jwt + " x"))
          .as(body)
          .isEqualTo(object ? List.of(jwt) : List.of());
      found += object ? 1 : 0;
    }
    assertThat(found).isBetween(200, 1_800);
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The rule as documented: starts with a brace and ends with one, trailing spaces/newlines aside.
   */
  private static boolean isJsonObjectText(String text) {
    String trimmed = text.replaceAll("[ \n]+$", "");
    return text.length() > 1
        && text.startsWith("{")
        && trimmed.endsWith("}")
        && trimmed.length() > 1;
  }
}
