package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class LoopReceiveBufferTest {

  private final ByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
  private final LoopReceiveBuffer receive = new LoopReceiveBuffer();

  @Test
  void aReadAfterTheReaderReleasedItsBufferGetsTheSameBufferEmptied() {
    ByteBuf first = receive.take(alloc);
    first.writeBytes(new byte[] {1, 2, 3});
    first.release();

    ByteBuf second = receive.take(alloc);

    assertThat(second).isSameAs(first);
    assertThat(second.readableBytes()).isZero();
    assertThat(second.writableBytes()).isEqualTo(LoopReceiveBuffer.SIZE);
    second.release();
    receive.release();
  }

  @Test
  void aBufferStillHeldIsNeverFilledAgain() {
    ByteBuf held = receive.take(alloc);
    held.writeByte(7);

    ByteBuf other = receive.take(alloc);

    assertThat(other).isNotSameAs(held);
    assertThat(held.readByte()).isEqualTo((byte) 7);
    other.release();
    held.release();
    receive.release();
  }

  @Test
  void releasingFreesTheBufferAndLaterReadsGetTheirOwn() {
    ByteBuf shared = receive.take(alloc);
    shared.release();

    receive.release();
    ByteBuf later = receive.take(alloc);

    assertThat(shared.refCnt()).isZero();
    assertThat(later).isNotSameAs(shared);
    assertThat(later.refCnt()).isEqualTo(1);
    later.release();
  }
}
