package dev.minato.logs.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.rules.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The masker skips a finder on a value that lacks what the finder's matches need, so those needs
 * must never be more than a match needs: a finder that finds something in a value must always have
 * its needs met by that value.
 */
class NeedsTest {

  /** Pieces of secrets and look-alikes, glued at random into values with random noise. */
  private static final String[] PIECES = {
    "4111 1111 1111 1111",
    "4111111111111111",
    "3782-822463-10005",
    "alice.o@mail.example.co.uk",
    "bob+1@ex.io",
    "@Override",
    "lib@1.2.3",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "Bearer abcDEF0123456789-._~+/=",
    "BEARER ABCDEFGHIJKLMNOPQRST",
    "bearer abcdefghijklmnopqrstuvwx",
    "AKIAIOSFODNN7EXAMPLE",
    "ASIAIOSFODNN7EXAMPLE",
    "ACCAIOSFODNN7EXAMPLE",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----",
    "-----BEGIN PRIVATE KEY-----",
    "10.0.0.1",
    "192.168.1.254",
    "2001:db8::1",
    "::ffff:10.0.0.1",
    "fe80::1:2:3:4",
    "12:30:45",
  };

  private static final String NOISE = "ab.:-@ 0123456789eyJAKIBSC\t_é€";

  @Test
  void everyFinderMeetsItsNeedsWhereverItFindsSomething() {
    Random random = new Random(20261201L);
    List<String> values = new ArrayList<>();
    for (SeededCorpus.Line line : new SeededCorpus(20261130L).lines(2_000)) {
      values.add(line.text());
    }
    for (int i = 0; i < 50_000; i++) {
      values.add(randomValue(random));
    }
    for (ValueKind kind : ValueKind.values()) {
      Finder finder = Finders.of(kind);
      int found = 0;
      for (String value : values) {
        Matches matches = new Matches();
        finder.find(value, matches, 0);
        if (!matches.isEmpty()) {
          found++;
          assertThat(finder.needs().metBy(Needs.Held.in(value)))
              .as("%s found something in %s", kind, value)
              .isTrue();
        }
      }
      assertThat(found).as("values where %s found something", kind).isGreaterThan(100);
    }
  }

  @Test
  void aValueWithoutANeededCharacterDoesNotMeetTheNeeds() {
    assertThat(Needs.allOf("@.").metBy(Needs.Held.in("root@localhost"))).isFalse();
    assertThat(Needs.allOf("@.").metBy(Needs.Held.in("a@b.io"))).isTrue();
  }

  @Test
  void oneAlternativeMetIsEnough() {
    Needs bearer = Needs.oneOf("Bearer ", "BEARER ");
    assertThat(bearer.metBy(Needs.Held.in("BEARER X"))).isTrue();
    assertThat(bearer.metBy(Needs.Held.in("BEARERX"))).isFalse();
  }

  @Test
  void digitsAreCountedAsWellAsCharacters() {
    Needs card = Needs.ANYTHING.andDigits(13);
    assertThat(card.metBy(Needs.Held.in("ts 2026-11-30T12:00"))).isFalse();
    assertThat(card.metBy(Needs.Held.in("4111 1111 1111 1"))).isTrue();
  }

  @Test
  void charactersBeyondAsciiNeverHideOnesAValueHolds() {
    // 'é' (U+00E9) and 'i' (U+0069) share a bit: a value may seem to hold more, never less.
    assertThat(Needs.allOf("i").metBy(Needs.Held.in("é"))).isTrue();
    assertThat(Needs.allOf("é").metBy(Needs.Held.in("café"))).isTrue();
  }

  private static String randomValue(Random random) {
    StringBuilder value = new StringBuilder();
    int parts = 1 + random.nextInt(4);
    for (int p = 0; p < parts; p++) {
      if (random.nextBoolean()) {
        String piece = PIECES[random.nextInt(PIECES.length)];
        int from = random.nextInt(4) == 0 ? random.nextInt(piece.length()) : 0;
        value.append(piece, from, piece.length());
      }
      for (int n = random.nextInt(6); n > 0; n--) {
        value.append(NOISE.charAt(random.nextInt(NOISE.length())));
      }
    }
    return value.toString();
  }
}
