package dev.minato.load.engine;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The HTTP/2 frames a server sent on one connection (RFC 9113, 4.1), as recorded on the wire. */
final class ServerFrames {

  private static final int HEADERS = 0x1;
  private static final int CONTINUATION = 0x9;
  private static final int END_HEADERS = 0x4;
  private static final int PADDED = 0x8;
  private static final int PRIORITY = 0x20;

  private ServerFrames() {}

  /**
   * Every complete header block in {@code stream} (a HEADERS frame's fragment and its
   * CONTINUATIONs, without padding or priority fields), in the order the server encoded them. A
   * frame cut off at the end of the recording is left out.
   */
  static List<byte[]> headerBlocks(byte[] stream) {
    List<byte[]> blocks = new ArrayList<>();
    ByteArrayOutputStream block = null;
    int at = 0;
    while (at + 9 <= stream.length) {
      int length = (stream[at] & 0xff) << 16 | (stream[at + 1] & 0xff) << 8 | stream[at + 2] & 0xff;
      int type = stream[at + 3] & 0xff;
      int flags = stream[at + 4] & 0xff;
      int payload = at + 9;
      if (payload + length > stream.length) {
        break;
      }
      if (type == HEADERS || type == CONTINUATION) {
        int start = payload;
        int end = payload + length;
        if (type == HEADERS) {
          block = new ByteArrayOutputStream();
          if ((flags & PADDED) != 0) {
            end -= stream[start] & 0xff;
            start++;
          }
          if ((flags & PRIORITY) != 0) {
            start += 5;
          }
        }
        block.write(stream, start, end - start);
        if ((flags & END_HEADERS) != 0) {
          blocks.add(block.toByteArray());
          block = null;
        }
      }
      at = payload + length;
    }
    return blocks;
  }
}
