package dev.minato.shadow.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.shadow.exchange.Body;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldBodyTest {

  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }

  private static String text(Body body) {
    return new String(body.content().orElseThrow(), StandardCharsets.UTF_8);
  }

  /** Sees {@code piece} as the proxy does: held across the write that releases it. */
  private static void seeThenWrite(HeldBody held, ByteBuf piece) {
    held.see(piece, piece.readerIndex(), piece.readableBytes());
    piece.skipBytes(piece.readableBytes()); // the socket took them
    piece.release();
  }

  @Test
  void aBodyInOnePieceIsHeldUncopiedUntilItIsTakenAndThenLetGo() {
    HeldBody held = new HeldBody(64);
    ByteBuf piece = bytes("{\"id\":42}");
    seeThenWrite(held, piece);

    assertThat(piece.refCnt()).isEqualTo(1); // the held slice keeps the bytes alive
    Body body = held.body();
    assertThat(text(body)).isEqualTo("{\"id\":42}");
    assertThat(piece.refCnt()).isZero();
  }

  @Test
  void aDiscardedBodyLetsItsPieceGo() {
    HeldBody held = new HeldBody(64);
    ByteBuf piece = bytes("{}");
    seeThenWrite(held, piece);

    held.discard();

    assertThat(piece.refCnt()).isZero();
  }

  /** Sees each piece in turn; returns the body and checks that no piece is still held. */
  private static Body seenInPieces(int limit, String... texts) {
    HeldBody held = new HeldBody(limit);
    List<ByteBuf> pieces = new ArrayList<>();
    for (String text : texts) {
      ByteBuf piece = bytes(text);
      pieces.add(piece);
      seeThenWrite(held, piece);
    }
    assertThat(pieces).allSatisfy(piece -> assertThat(piece.refCnt()).isZero());
    return held.body();
  }

  @Test
  void aBodyInSeveralPiecesIsKeptWholeAndNoPieceIsHeld() {
    assertThat(text(seenInPieces(64, "{\"a\":", "1}"))).isEqualTo("{\"a\":1}");
  }

  @Test
  void aBodyOverTheLimitIsHashedLikeTheSameBytesReadWhole() {
    Body body = seenInPieces(4, "abc", "def");

    assertThat(body.comparableByContent()).isFalse();
    assertThat(body.length()).isEqualTo(6);
    assertThat(body.sha256())
        .isEqualTo(Body.of("abcdef".getBytes(StandardCharsets.UTF_8), 4).sha256());
  }

  @Test
  void anEmptyBodyIsTheEmptyBody() {
    HeldBody held = new HeldBody(64);
    seeThenWrite(held, Unpooled.buffer(0));

    assertThat(held.body()).isEqualTo(Body.EMPTY);
  }

  @Test
  void aHeldBodyIsTakenOnce() {
    HeldBody held = new HeldBody(64);
    seeThenWrite(held, bytes("{}"));
    held.body();

    assertThatThrownBy(held::discard).isInstanceOf(IllegalStateException.class);
  }
}
