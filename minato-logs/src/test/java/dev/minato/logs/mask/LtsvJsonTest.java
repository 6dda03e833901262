package dev.minato.logs.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.read.LtsvParser;
import dev.minato.logs.read.Reading;
import dev.minato.logs.rules.Ruleset;
import dev.minato.logs.rules.RulesetReader;
import dev.minato.logs.write.ByteSink;
import dev.minato.logs.write.JsonLinesWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The byte path writes what the event path writes: for every line it takes, the bytes of {@link
 * LtsvJson} are those of {@link LtsvParser}, {@link Masker#mask} and {@link JsonLinesWriter}
 * encoded in UTF-8, and every line the event path finds bad it leaves to the event path. Checked on
 * the seeded corpus, on tricky lines written out, and on random lines of tabs, colons, escapes,
 * control characters, unicode, invalid UTF-8 and secrets.
 */
class LtsvJsonTest {

  private static Masker masker;

  @BeforeAll
  static void readRules() throws Exception {
    Ruleset ruleset = RulesetReader.read(Path.of("src/test/resources/corpus-rules.yaml"));
    masker = Masker.of(ruleset, Map.of("MINATO_LOG_KEY", "ltsv-json-test-key-".repeat(3)));
  }

  @Test
  void writesTheEventPathsBytesForTheSeededCorpus() {
    LtsvJson direct = new LtsvJson(masker);
    int taken = 0;
    for (SeededCorpus.Line line : new SeededCorpus(20261201L).lines(5_000)) {
      if (line.kind() == SeededCorpus.Kind.LTSV) {
        assertThat(check(direct, line.text().getBytes(StandardCharsets.UTF_8))).isTrue();
        taken++;
      }
    }
    assertThat(taken).isGreaterThan(1_000);
  }

  @Test
  void writesTheEventPathsBytesForTrickyLines() {
    LtsvJson direct = new LtsvJson(masker);
    List<String> taken =
        List.of(
            "a:1",
            "a:",
            "a:b:c\td:\"quoted\" \\ back",
            "msg:tab\\tnot\u0001ctrl\u001f\u007fdel",
            "msg:caf\u00e9 \u65e5\u672c \ud83d\ude00 \u2028 \u2029 end",
            "msg:card 4111 1111 1111 1111 and caf\u00e9",
            "password:p\u00e4ss\tsecret:x\tauth_token:\u2028",
            "client:192.0.2.1\tmsg:by ann@example.com Bearer abcdefghijklmnopqrstuvwx",
            "msg:SSN 123-45-6789 key AKIAIOSFODNN7EXAMPLE\r",
            "\ta:1\t\tb:2\t",
            "x.y-z_0:\"\\\u0000",
            "msg:-----BEGIN RSA PRIVATE KEY-----\\nMIIabc\\n-----END RSA PRIVATE KEY-----");
    for (String line : taken) {
      assertThat(check(direct, line.getBytes(StandardCharsets.UTF_8))).as(line).isTrue();
    }
  }

  @Test
  void leavesBadLinesAndUnusualLabelsToTheEventPath() {
    LtsvJson direct = new LtsvJson(masker);
    List<String> left =
        List.of("", "\r", "\t\t", "no colon", "a:1\tb", ":value", "a:1\ta:2", "l\u00e4bel:1");
    for (String line : left) {
      assertThat(check(direct, line.getBytes(StandardCharsets.UTF_8))).as(line).isFalse();
    }
  }

  @Test
  void writesTheEventPathsBytesForInvalidUtf8() {
    LtsvJson direct = new LtsvJson(masker);
    byte[][] values = {
      {(byte) 0xFF},
      {(byte) 0x80, 'a'},
      {(byte) 0xC3},
      {(byte) 0xE2, (byte) 0x80},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate in CESU-8
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xC0, (byte) 0xAF} // an overlong slash
    };
    for (byte[] value : values) {
      for (String label : List.of("msg", "password", "level")) {
        byte[] line = concat((label + ":x").getBytes(StandardCharsets.US_ASCII), value);
        assertThat(check(direct, line)).as(Arrays.toString(line)).isTrue();
      }
    }
  }

  @Test
  void writesTheEventPathsBytesForRandomLines() {
    LtsvJson direct = new LtsvJson(masker);
    Random random = new Random(20261201L);
    int taken = 0;
    int lines = 30_000;
    for (int i = 0; i < lines; i++) {
      taken += check(direct, randomLine(random)) ? 1 : 0;
    }
    // Most random lines are good LTSV with ASCII labels: the byte path is what is being tested.
    assertThat(taken).isGreaterThan(lines / 2);
  }

  @Test
  void forgetsNothingWhenMoreLabelsThanItRemembers() {
    LtsvJson direct = new LtsvJson(masker);
    for (int i = 0; i < 2_000; i++) {
      check(direct, ("k" + i + ":v\tmsg:x" + i).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(check(direct, "k1:v\tk1:w".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(check(direct, "msg:again\tk3:v".getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  /**
   * Whether the byte path took {@code line}; when it did, asserts that it wrote the event path's
   * bytes and that the event path reads the line as good; when not, that it wrote nothing.
   */
  private static boolean check(LtsvJson direct, byte[] line) {
    ByteSink out = new ByteSink(16);
    out.write('>'); // what came before must stay
    boolean taken = direct.write(line, 0, line.length, out);
    byte[] written = Arrays.copyOfRange(out.array(), 1, out.size());
    byte[] expected = eventPath(line);
    String shown = new String(line, StandardCharsets.UTF_8);
    assertThat(out.array()[0]).isEqualTo((byte) '>');
    if (taken) {
      assertThat(expected).as("the event path reads %s as good", shown).isNotNull();
      assertThat(new String(written, StandardCharsets.UTF_8))
          .as(shown)
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
      assertThat(written).as(shown).isEqualTo(expected);
    } else {
      assertThat(written).as(shown).isEmpty();
    }
    return taken;
  }

  /** The event path's bytes of {@code line}, null for a bad line. */
  private static byte[] eventPath(byte[] line) {
    Reading reading = new LtsvParser().parse(new String(line, StandardCharsets.UTF_8));
    if (!(reading instanceof Reading.Parsed parsed)) {
      return null;
    }
    String json = new JsonLinesWriter().format(masker.mask(parsed.event()));
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static final String[] PIECES = {
    "\t",
    "\t",
    ":",
    ":",
    "a",
    "msg",
    "client",
    "password",
    "refresh_token",
    "x.y",
    "level",
    "\"",
    "\\",
    "\r",
    "\u0000",
    "\u001b",
    "\u007f",
    " ",
    "caf\u00e9",
    "\u65e5",
    "\ud83d\ude00",
    "\u2028",
    "\u2029",
    "4111 1111 1111 1111",
    "4111111111111112",
    "ann@example.com",
    "@Override",
    "Bearer abcdefghijklmnopqrstuvwx",
    "AKIAIOSFODNN7EXAMPLE",
    "192.0.2.44",
    "2001:db8::1",
    "SSN 123-45-6789",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
    "-----BEGIN PRIVATE KEY-----",
    "0",
    "12",
    "\ud83d",
    "\ude00"
  };

  private static final byte[][] INVALID = {
    {(byte) 0xFF},
    {(byte) 0x80},
    {(byte) 0xC3},
    {(byte) 0xE2, (byte) 0x80},
    {(byte) 0xED, (byte) 0xB0, (byte) 0x80},
    {(byte) 0xF8, (byte) 0x88, (byte) 0x80}
  };

  private static byte[] randomLine(Random random) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int fields = 1 + random.nextInt(6);
    for (int f = 0; f < fields; f++) {
      if (f > 0) {
        line.writeBytes("\t".getBytes(StandardCharsets.US_ASCII));
      }
      String label = random.nextInt(20) == 0 ? piece(random) : label(random);
      line.writeBytes(label.getBytes(StandardCharsets.UTF_8));
      if (random.nextInt(30) != 0) {
        line.writeBytes(":".getBytes(StandardCharsets.US_ASCII));
      }
      int pieces = random.nextInt(8);
      for (int p = 0; p < pieces; p++) {
        if (random.nextInt(25) == 0) {
          line.writeBytes(INVALID[random.nextInt(INVALID.length)]);
        } else {
          String piece = piece(random);
          line.writeBytes(piece.equals("\t") && random.nextBoolean() ? new byte[0] : bytes(piece));
        }
      }
    }
    return line.toByteArray();
  }

  private static String label(Random random) {
    String[] labels = {"msg", "client", "password", "refresh_token", "level", "time", "x.y"};
    return labels[random.nextInt(labels.length)]
        + (random.nextInt(4) == 0 ? random.nextInt(3) : "");
  }

  private static String piece(Random random) {
    return PIECES[random.nextInt(PIECES.length)];
  }

  /** UTF-8 of {@code text}; a lone surrogate as the JDK's encoder writes it ({@code ?}). */
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
