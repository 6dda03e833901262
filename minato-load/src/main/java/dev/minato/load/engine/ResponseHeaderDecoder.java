package dev.minato.load.engine;

import static io.netty.handler.codec.http2.Http2CodecUtil.DEFAULT_HEADER_LIST_SIZE;
import static io.netty.handler.codec.http2.Http2CodecUtil.DEFAULT_HEADER_TABLE_SIZE;
import static io.netty.handler.codec.http2.Http2CodecUtil.MAX_HEADER_LIST_SIZE;
import static io.netty.handler.codec.http2.Http2CodecUtil.MAX_HEADER_TABLE_SIZE;
import static io.netty.handler.codec.http2.Http2CodecUtil.calculateMaxHeaderListSizeGoAway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersDecoder;
import io.netty.util.AsciiString;
import java.util.Arrays;

/**
 * HPACK (RFC 7541) for the responses of one HTTP/2 connection, reading only what the generator
 * uses: {@code :status}. Every representation is still parsed and the dynamic table kept exactly as
 * the server's encoder keeps it (the size of every entry, so evictions happen where they should),
 * but no header is built, and a string is decoded only when its length is not already known:
 * Huffman-coded strings (RFC 7541, 5.2) are looked up by their coded bytes in a small cache of the
 * connection's recent strings, and only a miss is decoded, by Netty's decoder. A server repeats the
 * same strings on every response (nginx sends its {@code server}, {@code content-type}, {@code
 * etag} and others as new table entries each time, with the same bytes), so nearly every string is
 * a hit. Netty's full decoder (a Huffman decode and a string for every header of every response)
 * was about 14 % of the event loop's time over h2c (perf).
 *
 * <p>What Netty's decoder refuses, this one refuses too, as the same connection error ({@code
 * COMPRESSION_ERROR}): an index of 0 or beyond the tables, a truncated block, an integer overflow,
 * a table size update above the limit this side announced or missing after this side lowered it, a
 * bad Huffman code. A header list above {@code SETTINGS_MAX_HEADER_LIST_SIZE} is read to its end
 * (the table stays right) and then fails its stream. As with Netty's decoder without validation (as
 * configured before), pseudo-header order and header values are not checked. Used only on the
 * connection's event loop.
 */
final class ResponseHeaderDecoder
    implements Http2HeadersDecoder, Http2HeadersDecoder.Configuration {

  /** What an entry costs in the table beyond its name and value (RFC 7541, 4.1). */
  private static final int ENTRY_OVERHEAD = 32;

  private static final int STATIC_LENGTH = HpackStaticTable.FIELDS.length;

  /** The static table's name and value lengths, and the status its entry is, or null. */
  private static final int[] STATIC_NAME_LENGTHS = new int[STATIC_LENGTH + 1];

  private static final int[] STATIC_VALUE_LENGTHS = new int[STATIC_LENGTH + 1];
  private static final AsciiString[] STATIC_STATUS = new AsciiString[STATIC_LENGTH + 1];

  private static final AsciiString STATUS = Http2Headers.PseudoHeaderName.STATUS.value();
  private static final byte[] STATUS_NAME = STATUS.toByteArray();

  /** Strings longer than this (coded) are decoded every time, not cached. */
  private static final int CACHED_LENGTH = 64;

  /** Slots of the Huffman cache (a power of two). */
  private static final int CACHE_SLOTS = 64;

  /**
   * Slots a string may take, from the one its hash names: a few, so that two strings a server
   * repeats on every response do not keep evicting each other from one slot.
   */
  private static final int CACHE_WAYS = 4;

  static {
    for (int i = 0; i < STATIC_LENGTH; i++) {
      String name = HpackStaticTable.FIELDS[i][0];
      String value = HpackStaticTable.FIELDS[i][1];
      STATIC_NAME_LENGTHS[i + 1] = name.length();
      STATIC_VALUE_LENGTHS[i + 1] = value.length();
      if (name.equals(":status")) {
        STATIC_STATUS[i + 1] = AsciiString.cached(value);
      }
    }
  }

  private final ResponseStatus headers;

  // The dynamic table, newest entry at head - 1 (a ring): each entry's size and name length,
  // whether its name is :status, and its value when it is.
  private int[] sizes = new int[DEFAULT_HEADER_TABLE_SIZE / ENTRY_OVERHEAD];
  private int[] nameLengths = new int[sizes.length];
  private boolean[] statusNames = new boolean[sizes.length];
  private AsciiString[] statusValues = new AsciiString[sizes.length];
  private int head;
  private int length;
  private long size;
  private long capacity = DEFAULT_HEADER_TABLE_SIZE;

  // The limit this side announced, and whether the server must acknowledge a lower one.
  private long maxTableSize = DEFAULT_HEADER_TABLE_SIZE;
  private boolean sizeUpdateRequired;
  private long maxHeaderListSize = DEFAULT_HEADER_LIST_SIZE;
  private long maxHeaderListSizeGoAway = calculateMaxHeaderListSizeGoAway(DEFAULT_HEADER_LIST_SIZE);

  // The block being read, copied once, and the position in it.
  private byte[] block = new byte[256];
  private int at;
  private int end;

  // Huffman strings seen lately, by their coded bytes: the decoded length and text.
  private final byte[][] codedKeys = new byte[CACHE_SLOTS][];
  private final int[] decodedLengths = new int[CACHE_SLOTS];
  private int victim;
  private long huffmanDecodes;
  private final AsciiString[] decodedTexts = new AsciiString[CACHE_SLOTS];
  private final DefaultHttp2HeadersDecoder huffman =
      new DefaultHttp2HeadersDecoder(false, MAX_HEADER_LIST_SIZE);

  // The string last read: its decoded length, and where its bytes and length prefix are.
  private int stringLength;
  private int stringPrefixStart;
  private int stringStart;
  private int stringCodedLength;
  private boolean stringHuffman;

  /** A decoder that hands {@code headers}, holding only the status, to the frame listener. */
  ResponseHeaderDecoder(ResponseStatus headers) {
    this.headers = headers;
  }

  @Override
  public Http2Headers decodeHeaders(int streamId, ByteBuf headerBlock) throws Http2Exception {
    int n = headerBlock.readableBytes();
    if (block.length < n) {
      block = new byte[Math.max(n, block.length * 2)];
    }
    headerBlock.readBytes(block, 0, n);
    at = 0;
    end = n;
    headers.reset();
    long listSize = 0;
    while (at < end) {
      int b = block[at++] & 0xff;
      if (sizeUpdateRequired && (b & 0xe0) != 0x20) {
        throw compression("max dynamic table size change required");
      }
      if ((b & 0x80) != 0) {
        // Indexed field.
        int index = integer(b, 7);
        if (index == 0) {
          throw compression("illegal index value");
        }
        if (index <= STATIC_LENGTH) {
          listSize += STATIC_NAME_LENGTHS[index] + STATIC_VALUE_LENGTHS[index] + ENTRY_OVERHEAD;
          if (STATIC_STATUS[index] != null) {
            headers.status(STATIC_STATUS[index]);
          }
        } else {
          int slot = slot(index);
          listSize += sizes[slot];
          if (statusNames[slot]) {
            headers.status(statusValues[slot]);
          }
        }
      } else if ((b & 0x40) != 0) {
        listSize += literal(b, 6, true);
      } else if ((b & 0x20) != 0) {
        long tableSize = integer(b, 5);
        if (tableSize > maxTableSize) {
          throw compression("invalid max dynamic table size");
        }
        sizeUpdateRequired = false;
        capacity = tableSize;
        evictTo(capacity);
      } else {
        // Without indexing (0000) or never indexed (0001).
        listSize += literal(b, 4, false);
      }
    }
    if (listSize > maxHeaderListSize) {
      // Netty's decoder reads the block to its end, then fails the stream only.
      Http2CodecUtil.headerListSizeExceeded(streamId, maxHeaderListSize, true);
    }
    return headers;
  }

  /**
   * A literal field whose first octet {@code b} has an N-bit name index prefix; adds it to the
   * table when {@code indexed}. Returns its size as a header list counts it.
   */
  private int literal(int b, int prefixBits, boolean indexed) throws Http2Exception {
    int nameIndex = integer(b, prefixBits);
    int nameLength;
    boolean status;
    if (nameIndex == 0) {
      string();
      nameLength = stringLength;
      status = isStatusName();
    } else if (nameIndex <= STATIC_LENGTH) {
      nameLength = STATIC_NAME_LENGTHS[nameIndex];
      status = STATIC_STATUS[nameIndex] != null;
    } else {
      int slot = slot(nameIndex);
      nameLength = nameLengths[slot];
      status = statusNames[slot];
    }
    string();
    AsciiString value = status ? stringText() : null;
    if (status) {
      headers.status(value);
    }
    int entrySize = nameLength + stringLength + ENTRY_OVERHEAD;
    if (indexed) {
      add(entrySize, nameLength, status, value);
    }
    return entrySize;
  }

  /** Reads a string literal's length prefix and passes over its bytes, setting stringLength. */
  private void string() throws Http2Exception {
    if (at >= end) {
      throw compression("incomplete header block fragment");
    }
    stringPrefixStart = at;
    int b = block[at++] & 0xff;
    stringHuffman = (b & 0x80) != 0;
    int coded = integer(b, 7);
    if (coded > end - at) {
      throw compression("incomplete header block fragment");
    }
    stringStart = at;
    stringCodedLength = coded;
    at += coded;
    stringLength = stringHuffman ? huffmanLength() : coded;
  }

  private boolean isStatusName() throws Http2Exception {
    if (stringLength != STATUS_NAME.length) {
      return false;
    }
    if (!stringHuffman) {
      return Arrays.equals(
          block, stringStart, stringStart + stringCodedLength, STATUS_NAME, 0, STATUS_NAME.length);
    }
    return stringText().contentEquals(STATUS);
  }

  /** The text of the string last read. */
  private AsciiString stringText() throws Http2Exception {
    if (!stringHuffman) {
      return new AsciiString(block, stringStart, stringCodedLength, true);
    }
    int slot = cacheSlot();
    return slot >= 0 ? decodedTexts[slot] : decodeHuffman();
  }

  /** The decoded length of the Huffman string last read, from the cache or by decoding it. */
  private int huffmanLength() throws Http2Exception {
    int slot = cacheSlot();
    if (slot >= 0) {
      return decodedLengths[slot];
    }
    AsciiString text = decodeHuffman();
    if (stringCodedLength <= CACHED_LENGTH) {
      slot = freeSlot();
      codedKeys[slot] = Arrays.copyOfRange(block, stringStart, stringStart + stringCodedLength);
      decodedLengths[slot] = text.length();
      decodedTexts[slot] = text;
    }
    return text.length();
  }

  /** The cache slot holding the Huffman string last read, or -1. */
  private int cacheSlot() {
    if (stringCodedLength > CACHED_LENGTH) {
      return -1;
    }
    int first = hash();
    for (int way = 0; way < CACHE_WAYS; way++) {
      int slot = (first + way) & (CACHE_SLOTS - 1);
      byte[] key = codedKeys[slot];
      if (key != null
          && Arrays.equals(
              key, 0, key.length, block, stringStart, stringStart + stringCodedLength)) {
        return slot;
      }
    }
    return -1;
  }

  /** A slot for the Huffman string last read: an empty one of its ways, else each in turn. */
  private int freeSlot() {
    int first = hash();
    for (int way = 0; way < CACHE_WAYS; way++) {
      int slot = (first + way) & (CACHE_SLOTS - 1);
      if (codedKeys[slot] == null) {
        return slot;
      }
    }
    victim = (victim + 1) % CACHE_WAYS;
    return (first + victim) & (CACHE_SLOTS - 1);
  }

  private int hash() {
    int h = stringCodedLength;
    for (int i = stringStart, last = stringStart + stringCodedLength; i < last; i++) {
      h = 31 * h + block[i];
    }
    return h ^ (h >>> 16);
  }

  /**
   * Decodes the Huffman string last read with Netty's decoder, as the value of a one-header block
   * that leaves that decoder's table alone (a literal without indexing, new name "x").
   */
  private AsciiString decodeHuffman() throws Http2Exception {
    huffmanDecodes++;
    int prefix = stringStart - stringPrefixStart;
    ByteBuf one = Unpooled.buffer(3 + prefix + stringCodedLength);
    try {
      one.writeByte(0x00).writeByte(0x01).writeByte('x');
      one.writeBytes(block, stringStart - prefix, prefix + stringCodedLength);
      CharSequence value = huffman.decodeHeaders(0, one).get("x");
      return value instanceof AsciiString ascii ? ascii : new AsciiString(value);
    } finally {
      one.release();
    }
  }

  /**
   * An integer whose first octet is {@code b}, with an N-bit prefix (RFC 7541, 5.1), up to {@link
   * Integer#MAX_VALUE} as Netty's decoder allows.
   */
  private int integer(int b, int prefixBits) throws Http2Exception {
    int max = (1 << prefixBits) - 1;
    int value = b & max;
    if (value < max) {
      return value;
    }
    long result = value;
    for (int shift = 0; ; shift += 7) {
      if (at >= end) {
        throw compression("incomplete header block fragment");
      }
      if (shift > 28) {
        throw compression("int overflow");
      }
      int next = block[at++] & 0xff;
      result += (long) (next & 0x7f) << shift;
      if (result > Integer.MAX_VALUE) {
        throw compression("int overflow");
      }
      if ((next & 0x80) == 0) {
        return (int) result;
      }
    }
  }

  /** The ring slot of dynamic table index {@code index} (62 is the newest entry). */
  private int slot(int index) throws Http2Exception {
    int i = index - STATIC_LENGTH;
    if (i > length) {
      throw compression("illegal index value");
    }
    int slot = head - i;
    return slot < 0 ? slot + sizes.length : slot;
  }

  private void add(int entrySize, int nameLength, boolean status, AsciiString value) {
    if (entrySize > capacity) {
      // An entry larger than the table empties it and is not added (RFC 7541, 4.4).
      evictTo(0);
      return;
    }
    evictTo(capacity - entrySize);
    if (length == sizes.length) {
      grow();
    }
    sizes[head] = entrySize;
    nameLengths[head] = nameLength;
    statusNames[head] = status;
    statusValues[head] = value;
    head = (head + 1) % sizes.length;
    length++;
    size += entrySize;
  }

  /** Drops the oldest entries until the table holds at most {@code limit} octets. */
  private void evictTo(long limit) {
    while (size > limit) {
      int oldest = head - length;
      if (oldest < 0) {
        oldest += sizes.length;
      }
      size -= sizes[oldest];
      statusValues[oldest] = null;
      length--;
    }
  }

  private void grow() {
    int n = sizes.length * 2;
    int[] s = new int[n];
    int[] nl = new int[n];
    boolean[] names = new boolean[n];
    AsciiString[] values = new AsciiString[n];
    for (int i = 0; i < length; i++) {
      int from = (head - length + i + sizes.length) % sizes.length;
      s[i] = sizes[from];
      nl[i] = nameLengths[from];
      names[i] = statusNames[from];
      values[i] = statusValues[from];
    }
    sizes = s;
    nameLengths = nl;
    statusNames = names;
    statusValues = values;
    head = length;
  }

  /** The dynamic table's size in octets as RFC 7541 counts it. */
  long tableSize() {
    return size;
  }

  /** How many strings were Huffman-decoded (not found in the cache). */
  long huffmanDecodes() {
    return huffmanDecodes;
  }

  /** The number of entries in the dynamic table. */
  int tableLength() {
    return length;
  }

  private static Http2Exception compression(String reason) {
    return Http2Exception.connectionError(Http2Error.COMPRESSION_ERROR, "HPACK - %s", reason);
  }

  @Override
  public Configuration configuration() {
    return this;
  }

  @Override
  public void maxHeaderTableSize(long max) throws Http2Exception {
    if (max < 0 || max > MAX_HEADER_TABLE_SIZE) {
      throw Http2Exception.connectionError(
          Http2Error.PROTOCOL_ERROR, "Header Table Size must be >= 0 and <= %d", max);
    }
    maxTableSize = max;
    if (maxTableSize < capacity) {
      // The server must acknowledge the lower size at the start of its next block.
      sizeUpdateRequired = true;
      capacity = maxTableSize;
      evictTo(capacity);
    }
  }

  @Override
  public long maxHeaderTableSize() {
    return capacity;
  }

  @Override
  public void maxHeaderListSize(long max, long goAwayMax) throws Http2Exception {
    if (max < 0 || max > MAX_HEADER_LIST_SIZE || goAwayMax < max) {
      throw Http2Exception.connectionError(
          Http2Error.PROTOCOL_ERROR, "Header List Size must be >= 0 and <= %d", max);
    }
    maxHeaderListSize = max;
    maxHeaderListSizeGoAway = goAwayMax;
  }

  @Override
  public long maxHeaderListSize() {
    return maxHeaderListSize;
  }

  @Override
  public long maxHeaderListSizeGoAway() {
    return maxHeaderListSizeGoAway;
  }
}
