package dev.minato.shadow.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.exchange.Body;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyTeeTest {

  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }

  private static Body seen(int limit, String... pieces) {
    BodyTee tee = new BodyTee(limit);
    for (String piece : pieces) {
      ByteBuf buf = bytes(piece);
      tee.see(buf);
      assertThat(buf.readerIndex()).isZero();
      buf.release();
    }
    return tee.body();
  }

  @Test
  void aBodyWithinTheLimitIsKeptWholeAcrossPieces() {
    Body body = seen(16, "{\"a\":", "1", "}");

    assertThat(body.content())
        .hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("{\"a\":1}"));
    assertThat(body.sha256()).isEqualTo(Body.of("{\"a\":1}".getBytes(), 16).sha256());
  }

  @Test
  void aBodyThatOutgrowsTheLimitMidwayIsHashedWholeAndNotKept() {
    Body body = seen(4, "abc", "defgh", "ij");

    assertThat(body.comparableByContent()).isFalse();
    assertThat(body.length()).isEqualTo(10);
    assertThat(body.sha256()).isEqualTo(Body.of("abcdefghij".getBytes(), 0).sha256());
  }

  @Test
  void aBodyOfExactlyTheLimitIsKept() {
    assertThat(seen(4, "ab", "cd").comparableByContent()).isTrue();
  }

  @Test
  void onlyTheGivenRangeIsSeen() {
    BodyTee tee = new BodyTee(16);
    ByteBuf buf = bytes("xxhelloyy");
    tee.see(buf, 2, 5);
    buf.release();

    assertThat(tee.body()).isEqualTo(Body.of("hello".getBytes(), 16));
  }

  @Test
  void aKeptBodyAndAHashedOneWithTheSameBytesAreTheSame() {
    assertThat(Body.of("same".getBytes(), 16).sameBytesAs(Body.of("same".getBytes(), 0))).isTrue();
    assertThat(Body.of("same".getBytes(), 16).sameBytesAs(Body.of("sane".getBytes(), 16)))
        .isFalse();
  }
}
