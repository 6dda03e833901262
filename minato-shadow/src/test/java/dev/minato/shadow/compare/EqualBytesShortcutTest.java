package dev.minato.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.route.RouteTemplates;
import dev.minato.shadow.rules.RulesReader;
import dev.minato.shadow.rules.ShadowRules;
import dev.minato.shadow.upstream.BodyTee;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison's shortcuts against the full comparison, pair by pair: bodies with the same bytes
 * taken as equal without being parsed, and a copy's answer matched against the primary's as it
 * arrives (sharing its array when equal). Both must give exactly the differences, and the report
 * figures, that decoding, parsing and diffing every body gives.
 */
class EqualBytesShortcutTest {

  /** Bodies over this many bytes are compared by hash, as the proxy's body limit makes them. */
  private static final int LIMIT = 256;

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain";
  private static final String BINARY = "application/octet-stream";

  private static final String DOC =
      "{\"id\":42,\"meta\":{\"requestId\":\"r-1\",\"at\":\"2026-12-01T10:00:00Z\"},"
          + "\"price\":9.99,\"tags\":[\"a\",\"b\"],\"name\":\"ann\"}";

  /** Pairs of (content type, primary body, other body) covering every way of comparing. */
  private static final List<String[]> PAIRS =
      List.of(
          new String[] {JSON, DOC, DOC},
          new String[] {
            JSON,
            DOC,
            "{\"name\":\"ann\",\"id\":42,\"price\":9.99,\"tags\":[\"a\",\"b\"],"
                + "\"meta\":{\"at\":\"2026-12-01T10:00:00Z\",\"requestId\":\"r-1\"}}"
          },
          new String[] {JSON, DOC, DOC.replace(",", ", ").replace(":", " : ") + "\n"},
          new String[] {JSON, DOC, DOC.replace("r-1", "r-2")},
          new String[] {JSON, DOC, DOC.replace("\"a\",\"b\"", "\"b\",\"a\"")},
          new String[] {JSON, DOC, DOC.replace("9.99", "9.995")},
          new String[] {JSON, DOC, DOC.replace("10:00:00Z", "10:00:01Z")},
          new String[] {JSON, DOC, DOC.replace("ann", "bob")},
          new String[] {JSON, DOC, DOC.replace(",\"name\":\"ann\"", "")},
          new String[] {JSON, DOC, DOC.substring(0, DOC.length() - 1)},
          new String[] {JSON, DOC, "not json at all"},
          new String[] {TEXT, "one\ntwo\nthree\n", "one\ntwo\nthree\n"},
          new String[] {TEXT, "one\ntwo\nthree\n", "one\n2\nthree\n"},
          new String[] {TEXT, "one\ntwo\nthree\n", "one\ntwo\nthree"},
          new String[] {TEXT, "one\ntwo\nthree\n", "one\ntwo\nthree\nfour\n"},
          new String[] {BINARY, "ab\0cd\0", "ab\0cd\0"},
          new String[] {BINARY, "ab\0cd\0", "ab\0ce\0"},
          new String[] {TEXT, "x".repeat(LIMIT * 3), "x".repeat(LIMIT * 3)},
          new String[] {TEXT, "x".repeat(LIMIT * 3), "x".repeat(LIMIT * 3 - 1) + "y"},
          new String[] {TEXT, "x".repeat(LIMIT), "x".repeat(LIMIT + 1)},
          new String[] {JSON, "", ""},
          new String[] {JSON, "", DOC},
          new String[] {JSON, DOC, ""});

  @TempDir Path dir;

  private ShadowRules withRules() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        "ignore: [$.meta.requestId]\n"
            + "sets: [$.tags]\n"
            + "tolerance:\n  - {path: $.price, within: 0.01}\n"
            + "values: [timestamp]\n");
    return RulesReader.read(file);
  }

  @Test
  void theShortcutsGiveEveryDifferenceTheFullComparisonGives() throws Exception {
    for (ShadowRules rules : List.of(ShadowRules.DEFAULT, withRules())) {
      ResponseComparison full = new ResponseComparison(rules, false);
      ResponseComparison quick = new ResponseComparison(rules, true);
      Random random = new Random(13);
      for (String[] pair : PAIRS) {
        Outcome.Answered primary = answered(pair[0], Body.of(bytes(pair[1]), LIMIT));
        List<Difference> expected = full.between(primary, answered(pair[0], plain(pair[2])));
        for (int split = 0; split < 20; split++) {
          Outcome.Answered matched =
              answered(pair[0], matchedAgainst(primary.body(), pair[2], random));
          assertThat(quick.between(primary, matched))
              .as("%s against %s, split %d", pair[1], pair[2], split)
              .isEqualTo(expected);
          assertThat(full.between(primary, matched)).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aBodyMatchedAgainstThePrimaryHasTheBytesLengthAndHashOfOneCopied() {
    Random random = new Random(7);
    for (String[] pair : PAIRS) {
      Body primary = Body.of(bytes(pair[1]), LIMIT);
      Body copied = plain(pair[2]);
      for (int split = 0; split < 20; split++) {
        Body matched = matchedAgainst(primary, pair[2], random);
        assertThat(matched.length()).isEqualTo(copied.length());
        assertThat(matched.comparableByContent()).isEqualTo(copied.comparableByContent());
        assertThat(matched.sha256()).isEqualTo(copied.sha256());
        assertThat(matched.sameBytesAs(copied)).isTrue();
        assertThat(matched.sameBytesAs(primary)).isEqualTo(copied.sameBytesAs(primary));
      }
    }
  }

  @Test
  void anAnswerEqualToThePrimarysSharesItsBytesInsteadOfCopyingThem() {
    Body primary = Body.of(bytes(DOC), LIMIT);
    Body matched = matchedAgainst(primary, DOC, new Random(1));

    assertThat(matched.content().orElseThrow()).isSameAs(primary.content().orElseThrow());
  }

  @Test
  void theReportFiguresAreTheSameWithAndWithoutTheShortcuts() throws Exception {
    for (ShadowRules rules : List.of(ShadowRules.DEFAULT, withRules())) {
      ComparingSink full = new ComparingSink(rules, new RouteTemplates(10), false);
      ComparingSink quick = new ComparingSink(rules, new RouteTemplates(10), true);
      Random random = new Random(42);
      int n = 0;
      for (String[] pair : PAIRS) {
        for (String[] noise : List.of(pair, new String[] {pair[0], pair[1], pair[1]})) {
          Outcome.Answered primary = answered(pair[0], Body.of(bytes(pair[1]), LIMIT));
          String target = "/items/" + (n++ % 3);
          full.accept(
              exchange(
                  target,
                  primary,
                  answered(pair[0], plain(pair[2])),
                  answered(noise[0], plain(noise[2]))));
          quick.accept(
              exchange(
                  target,
                  primary,
                  answered(pair[0], matchedAgainst(primary.body(), pair[2], random)),
                  answered(noise[0], matchedAgainst(primary.body(), noise[2], random))));
        }
      }
      ShadowResults expected = full.results();
      assertThat(expected.compared()).isEqualTo(2L * PAIRS.size());
      assertThat(expected.differing()).isPositive();
      assertThat(quick.results()).isEqualTo(expected);
    }
  }

  private static Exchange exchange(
      String target, Outcome primary, Outcome candidate, Outcome secondary) {
    return new Exchange(
        new CapturedRequest("GET", target, List.of(), Body.EMPTY),
        primary,
        candidate,
        Optional.of(secondary));
  }

  private static Outcome.Answered answered(String type, Body body) {
    return new Outcome.Answered(200, List.of(new Header("Content-Type", type)), body, 1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The body as a tee without an expected body keeps it: copied up to the limit. */
  private static Body plain(String text) {
    BodyTee tee = new BodyTee(LIMIT);
    feed(tee, bytes(text), new Random(0));
    return tee.body();
  }

  /** The body streamed in random pieces through a tee that matches it against {@code likely}. */
  private static Body matchedAgainst(Body likely, String text, Random random) {
    BodyTee tee =
        likely.content().isPresent()
            ? new BodyTee(LIMIT, likely.content().get())
            : new BodyTee(LIMIT);
    feed(tee, bytes(text), random);
    return tee.body();
  }

  private static void feed(BodyTee tee, byte[] bytes, Random random) {
    List<Integer> cuts = new ArrayList<>();
    for (int at = 0; at < bytes.length; ) {
      int piece = 1 + random.nextInt(Math.max(1, bytes.length / 3 + 1));
      cuts.add(Math.min(piece, bytes.length - at));
      at += piece;
    }
    int at = 0;
    for (int piece : cuts) {
      // Each piece at an offset inside a larger buffer, as a slice of a read would be.
      ByteBuf buf = Unpooled.buffer(piece + 8);
      buf.writeZero(3).writeBytes(bytes, at, piece).writeZero(5);
      tee.see(buf, 3, piece);
      buf.release();
      at += piece;
    }
  }
}
