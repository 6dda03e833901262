package dev.minato.load.engine;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * HPACK (RFC 7541) for the requests of one HTTP/2 connection, where every request is one of the
 * run's few fixed header lists ({@link WireRequest#http2Headers()}, shared by identity). Like
 * Netty's encoder it adds each header to the server's dynamic table on first use and refers to it
 * by index afterwards, so the bytes on the wire are the same; but once a list's headers are all in
 * the table its header block no longer changes, so it is encoded once and copied for every later
 * request instead of being looked up header by header (Netty's encoder was about 8 % of the event
 * loop's time over h2c). Entries are never evicted: a header that does not fit in the table's
 * remaining room is sent as a literal that is not indexed. When the server lowers the table's size
 * below the HTTP/2 default, the next block empties the table with a size update and starts again.
 * Used only on the connection's event loop.
 */
final class RequestHeaderEncoder implements Http2HeadersEncoder, Http2HeadersEncoder.Configuration {

  /** The dynamic table size every HTTP/2 connection starts with (RFC 9113, 6.5.2). */
  private static final long DEFAULT_TABLE_SIZE = 4096;

  /** What an entry costs in the table beyond its name and value (RFC 7541, 4.1). */
  private static final int ENTRY_OVERHEAD = 32;

  private static final Map<String, Integer> STATIC_FIELDS = new HashMap<>();
  private static final Map<String, Integer> STATIC_NAMES = new HashMap<>();

  static {
    for (int i = HpackStaticTable.FIELDS.length - 1; i >= 0; i--) {
      STATIC_FIELDS.put(field(HpackStaticTable.FIELDS[i][0], HpackStaticTable.FIELDS[i][1]), i + 1);
      STATIC_NAMES.put(HpackStaticTable.FIELDS[i][0], i + 1);
    }
  }

  // Header lists whose block refers only to entries already in the table, as sent.
  private final Map<Http2Headers, byte[]> blocks = new IdentityHashMap<>();
  // The server's dynamic table as this encoder filled it: the insertion order of each field.
  private final Map<String, Integer> inserted = new HashMap<>();
  private long tableSize;
  private long tableLimit = DEFAULT_TABLE_SIZE;
  private boolean resized;
  private long maxHeaderListSize = Long.MAX_VALUE;

  @Override
  public void encodeHeaders(int streamId, Http2Headers headers, ByteBuf buffer)
      throws Http2Exception {
    byte[] block = blocks.get(headers);
    if (block == null) {
      block = encode(headers);
    }
    buffer.writeBytes(block);
  }

  private byte[] encode(Http2Headers headers) throws Http2Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean changed = false;
    if (resized) {
      // Empty the table (size 0), then allow it the server's new size (RFC 7541, 4.2 and 6.3).
      integer(out, 0x20, 5, 0);
      integer(out, 0x20, 5, tableLimit);
      inserted.clear();
      tableSize = 0;
      resized = false;
      changed = true;
    }
    long listSize = 0;
    for (Map.Entry<CharSequence, CharSequence> header : headers) {
      String name = header.getKey().toString();
      String value = header.getValue().toString();
      long size = name.length() + value.length() + ENTRY_OVERHEAD;
      listSize += size;
      String field = field(name, value);
      Integer index = STATIC_FIELDS.get(field);
      Integer order = inserted.get(field);
      if (index != null) {
        integer(out, 0x80, 7, index);
      } else if (order != null) {
        // The newest entry is index 62; each one added after this one moved it up by one.
        integer(out, 0x80, 7, HpackStaticTable.FIELDS.length + inserted.size() - order);
      } else if (tableSize + size <= tableLimit) {
        literal(out, 0x40, 6, name, value);
        inserted.put(field, inserted.size());
        tableSize += size;
        changed = true;
      } else {
        literal(out, 0x00, 4, name, value);
      }
    }
    if (listSize > maxHeaderListSize) {
      throw Http2Exception.connectionError(
          Http2Error.PROTOCOL_ERROR,
          "the request's headers (%d octets) exceed the server's limit of %d",
          listSize,
          maxHeaderListSize);
    }
    byte[] block = out.toByteArray();
    if (changed) {
      // This block adds entries (or resized the table), and every cached one's indices moved.
      blocks.clear();
    } else {
      blocks.put(headers, block);
    }
    return block;
  }

  /** A literal field, its name by static index where there is one, strings without Huffman. */
  private static void literal(
      ByteArrayOutputStream out, int mask, int prefixBits, String name, String value) {
    Integer nameIndex = STATIC_NAMES.get(name);
    integer(out, mask, prefixBits, nameIndex == null ? 0 : nameIndex);
    if (nameIndex == null) {
      string(out, name);
    }
    string(out, value);
  }

  private static void string(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    integer(out, 0x00, 7, bytes.length);
    out.writeBytes(bytes);
  }

  /** An integer with an N-bit prefix after {@code mask}'s bits (RFC 7541, 5.1). */
  private static void integer(ByteArrayOutputStream out, int mask, int prefixBits, long value) {
    int max = (1 << prefixBits) - 1;
    if (value < max) {
      out.write(mask | (int) value);
      return;
    }
    out.write(mask | max);
    long rest = value - max;
    while (rest >= 0x80) {
      out.write((int) (rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  private static String field(String name, String value) {
    return name + '\0' + value;
  }

  @Override
  public Configuration configuration() {
    return this;
  }

  /**
   * The server's {@code SETTINGS_HEADER_TABLE_SIZE}. Above the default this encoder keeps using the
   * default's room (the server's table never has to evict); below it, it starts again.
   */
  @Override
  public void maxHeaderTableSize(long max) {
    long limit = Math.min(max, DEFAULT_TABLE_SIZE);
    if (limit != tableLimit) {
      tableLimit = limit;
      resized = true;
      blocks.clear();
    }
  }

  @Override
  public long maxHeaderTableSize() {
    return tableLimit;
  }

  @Override
  public void maxHeaderListSize(long max) {
    maxHeaderListSize = max;
    blocks.clear();
  }

  @Override
  public long maxHeaderListSize() {
    return maxHeaderListSize;
  }
}
