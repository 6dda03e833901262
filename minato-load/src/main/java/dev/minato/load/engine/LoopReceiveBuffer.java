package dev.minato.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * One receive buffer for all the plain-text HTTP/1.1 connections of an event loop. Each read fills
 * it and hands it to the connection's handler, whose response parser is done with it when the read
 * returns (it copies a head it needs, counts body bytes and releases the buffer): so the next read,
 * of any connection of the loop, can fill the same buffer again. Netty's default takes a buffer
 * from its pool for every read and gives it back afterwards, which was about a sixth of the
 * generator's own (user-space) time per request. A buffer that is still held when the next read
 * comes (which the parser never does) is left alone and that read gets a pooled one, as by default.
 *
 * <p>Not for TLS: its decoder keeps what it has read across reads. Used on one event loop only.
 */
final class LoopReceiveBuffer extends DefaultMaxMessagesRecvByteBufAllocator {

  /** Large enough that one read takes what a socket usually holds; one per loop, not per link. */
  static final int SIZE = 64 * 1024;

  /** Reads per socket readiness event before other sockets get a turn (Netty's epoll default). */
  static final int READS_PER_EVENT = 16;

  private ByteBuf buffer;
  private boolean released;

  LoopReceiveBuffer() {
    super(READS_PER_EVENT);
  }

  @Override
  public Handle newHandle() {
    return new MaxMessageHandle() {
      @Override
      public ByteBuf allocate(ByteBufAllocator alloc) {
        return take(alloc);
      }

      @Override
      public int guess() {
        return SIZE;
      }
    };
  }

  /** The loop's buffer, emptied, with one more reference for the reader to release. */
  ByteBuf take(ByteBufAllocator alloc) {
    if (released) {
      return alloc.ioBuffer(SIZE);
    }
    if (buffer == null) {
      buffer = alloc.ioBuffer(SIZE, SIZE);
    }
    if (buffer.refCnt() != 1) {
      return alloc.ioBuffer(SIZE);
    }
    buffer.clear();
    return buffer.retain();
  }

  /** Gives the buffer back once the loop's connections are closed; later reads get pooled ones. */
  void release() {
    released = true;
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }
}
