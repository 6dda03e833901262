package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generator's own HPACK parts against Netty's full encoder and decoder, which stand for the
 * server: what one side encodes, the other must read back exactly, request after request, with the
 * dynamic table kept the same on both sides.
 */
class HeaderCodingTest {

  private static Http2Headers request(String path, String userAgent) {
    return new DefaultHttp2Headers()
        .method("GET")
        .path(path)
        .scheme("http")
        .authority("127.0.0.1:8080")
        .add("user-agent", userAgent)
        .add("x-tenant", "shop-eu-1");
  }

  private static List<String> fields(Http2Headers headers) {
    List<String> fields = new ArrayList<>();
    for (Map.Entry<CharSequence, CharSequence> h : headers) {
      fields.add(h.getKey() + ": " + h.getValue());
    }
    return fields;
  }

  private static ByteBuf encode(RequestHeaderEncoder encoder, Http2Headers headers)
      throws Exception {
    ByteBuf block = Unpooled.buffer();
    encoder.encodeHeaders(1, headers, block);
    return block;
  }

  @Test
  void requestsOfSeveralKindsDecodeToTheirHeadersEveryTime() throws Exception {
    RequestHeaderEncoder encoder = new RequestHeaderEncoder();
    DefaultHttp2HeadersDecoder server = new DefaultHttp2HeadersDecoder(true);
    Http2Headers first = request("/cart", "minato-load");
    Http2Headers second = request("/checkout", "minato-load/2");

    for (Http2Headers headers : List.of(first, second, first, first, second, second, first)) {
      ByteBuf block = encode(encoder, headers);
      assertThat(fields(server.decodeHeaders(1, block))).isEqualTo(fields(headers));
      block.release();
    }
  }

  @Test
  void aRepeatedRequestIsSentAsIndicesOnly() throws Exception {
    RequestHeaderEncoder encoder = new RequestHeaderEncoder();
    Http2Headers headers = request("/cart", "minato-load");

    ByteBuf firstBlock = encode(encoder, headers);
    ByteBuf laterBlock = encode(encoder, headers);

    // One octet per header once the table holds them all (6 headers).
    assertThat(laterBlock.readableBytes()).isEqualTo(6);
    assertThat(firstBlock.readableBytes()).isGreaterThan(30);
  }

  @Test
  void aSmallerTableFromTheServerIsAnnouncedAndRespected() throws Exception {
    RequestHeaderEncoder encoder = new RequestHeaderEncoder();
    DefaultHttp2HeadersDecoder server = new DefaultHttp2HeadersDecoder(true);
    Http2Headers headers = request("/cart", "minato-load");
    server.decodeHeaders(1, encode(encoder, headers));

    // The server lowers its table to 64 octets: room for one of these headers at most.
    server.configuration().maxHeaderTableSize(64);
    encoder.maxHeaderTableSize(64);

    for (int i = 0; i < 3; i++) {
      assertThat(fields(server.decodeHeaders(1, encode(encoder, headers))))
          .isEqualTo(fields(headers));
    }
    assertThat(encoder.maxHeaderTableSize()).isEqualTo(64);
  }

  @Test
  void noTableAtAllStillCarriesEveryHeaderAsALiteral() throws Exception {
    RequestHeaderEncoder encoder = new RequestHeaderEncoder();
    DefaultHttp2HeadersDecoder server = new DefaultHttp2HeadersDecoder(true);
    server.configuration().maxHeaderTableSize(0);
    encoder.maxHeaderTableSize(0);
    Http2Headers headers = request("/cart", "minato-load");

    for (int i = 0; i < 2; i++) {
      assertThat(fields(server.decodeHeaders(1, encode(encoder, headers))))
          .isEqualTo(fields(headers));
    }
  }

  @Test
  void aResponseKeepsOnlyItsStatusAlsoWhenTheServerIndexedIt() throws Exception {
    DefaultHttp2HeadersEncoder server = new DefaultHttp2HeadersEncoder();
    ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());

    for (String status : List.of("200", "201", "201", "503", "201")) {
      Http2Headers response =
          new DefaultHttp2Headers()
              .status(status)
              .add("server", "nginx")
              .add("content-type", "text/html")
              .add("x-request", status + "-ok");
      ByteBuf block = Unpooled.buffer();
      server.encodeHeaders(1, response, block);

      Http2Headers read = client.decodeHeaders(1, block);

      assertThat(read.status()).hasToString(status);
      assertThat(read.size()).isEqualTo(1);
      assertThat(read.get("content-type")).isNull();
    }
  }

  /** A response head as nginx 1.22 sends it, most headers as new table entries each time. */
  private static final String NGINX_HEAD =
      "887689aa6355e580ae212e1f6196df697e940054be52282009c5021b8d06e05953168dff5f87497ca589d34d1f"
          + "5c04313032346c96df697e940054be52282009c5021b8d06e044a62d1bff00832a47378bfe5c8c058c4d"
          + "bcb34007f3008919085ad2b583aa62a3848fd24a8f";

  private static ByteBuf bytes(String hex) {
    return Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.decodeHexDump(hex));
  }

  @Test
  void nginxsHeadsKeepTheirStatusWhileTheirEntriesFillAndCycleTheTable() throws Exception {
    ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());
    // The five headers after :status (server, date, content-type, content-length, last-modified)
    // are new table entries, etag and accept-ranges are not indexed; their sizes as Netty's decoder
    // reads them (Huffman-decoded lengths plus 32 each).
    List<Integer> entrySizes = new ArrayList<>();
    for (Map.Entry<CharSequence, CharSequence> h :
        new DefaultHttp2HeadersDecoder(false).decodeHeaders(1, bytes(NGINX_HEAD))) {
      if (!h.getKey().toString().startsWith(":") && entrySizes.size() < 5) {
        entrySizes.add(h.getKey().length() + h.getValue().length() + 32);
      }
    }
    java.util.ArrayDeque<Integer> table = new java.util.ArrayDeque<>();
    long size = 0;

    // Each head adds about 300 octets, so the 4,096-octet table soon evicts.
    for (int i = 0; i < 30; i++) {
      assertThat(client.decodeHeaders(1, bytes(NGINX_HEAD)).status()).hasToString("200");
      for (int entry : entrySizes) {
        table.addFirst(entry);
        size += entry;
        while (size > 4096) {
          size -= table.removeLast();
        }
      }
      assertThat(client.tableLength()).as("after head %d", i).isEqualTo(table.size());
      assertThat(client.tableSize()).as("after head %d", i).isEqualTo(size);
    }
    // The oldest entry still held can be named; the one after it was evicted.
    int oldest = 61 + table.size();
    assertThat(client.decodeHeaders(1, bytes(Integer.toHexString(0x80 | 0x7f) + ule(oldest - 127))))
        .isNotNull();
    assertThatThrownBy(() -> client.decodeHeaders(1, bytes("ff" + ule(oldest + 1 - 127))))
        .isInstanceOf(Http2Exception.class);
  }

  @Test
  void aServersRepeatedStringsAreHuffmanDecodedOnlyTheFirstTime() throws Exception {
    ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());
    client.decodeHeaders(1, bytes(NGINX_HEAD));
    long first = client.huffmanDecodes();

    for (int i = 0; i < 20; i++) {
      client.decodeHeaders(1, bytes(NGINX_HEAD));
    }

    // server, date, content-type, last-modified values, etag and accept-ranges names and values.
    assertThat(first).isEqualTo(8);
    assertThat(client.huffmanDecodes()).isEqualTo(first);
  }

  /** The continuation octets of an HPACK integer above its prefix's maximum. */
  private static String ule(int rest) {
    StringBuilder hex = new StringBuilder();
    while (rest >= 0x80) {
      hex.append(String.format("%02x", (rest & 0x7f) | 0x80));
      rest >>>= 7;
    }
    return hex.append(String.format("%02x", rest)).toString();
  }

  @Test
  void aHuffmanValueCountsInTheHeaderListAtItsDecodedLength() throws Exception {
    DefaultHttp2HeadersEncoder server = new DefaultHttp2HeadersEncoder();
    // :status 200 (42 octets) and x-v with a value Huffman codes shorter than it is (32 + 3 + 60).
    Http2Headers response = new DefaultHttp2Headers().status("200").add("x-v", "a".repeat(60));
    ByteBuf block = Unpooled.buffer();
    server.encodeHeaders(1, response, block);

    for (int limit : List.of(137, 136)) {
      ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());
      client.maxHeaderListSize(limit, 1000);
      // Twice: the second time the value's length comes from the cache.
      for (int i = 0; i < 2; i++) {
        ByteBuf copy = block.copy();
        if (limit == 137) {
          assertThat(client.decodeHeaders(1, copy).status()).hasToString("200");
        } else {
          assertThatThrownBy(() -> client.decodeHeaders(1, copy))
              .isInstanceOf(Http2Exception.StreamException.class);
        }
      }
    }
  }

  @Test
  void readsTheStatusNettysEncoderSendsWhateverItIndexesOrEvicts() throws Exception {
    java.util.Random random = new java.util.Random(16);
    DefaultHttp2HeadersEncoder server = new DefaultHttp2HeadersEncoder();
    ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());
    DefaultHttp2HeadersDecoder netty = new DefaultHttp2HeadersDecoder(false);
    List<String> statuses = List.of("200", "201", "204", "304", "404", "429", "503", "299");

    for (int i = 0; i < 2_000; i++) {
      if (i % 500 == 250) {
        // The server shrinks and regrows its table: a size update starts its next block.
        server.configuration().maxHeaderTableSize(random.nextInt(4097));
      }
      String status = statuses.get(random.nextInt(statuses.size()));
      Http2Headers response = new DefaultHttp2Headers().status(status);
      for (int h = random.nextInt(6); h > 0; h--) {
        // Names and values from small sets, so that some repeat (indexed) and some do not.
        response.add(
            "x-h" + random.nextInt(8),
            "v".repeat(random.nextInt(3) * 40 + 1) + random.nextInt(4) + (h % 2 == 0 ? "é" : ""));
      }
      ByteBuf block = Unpooled.buffer();
      server.encodeHeaders(1, response, block);
      ByteBuf copy = block.copy();

      assertThat(client.decodeHeaders(1, block).status()).as("response %d", i).hasToString(status);
      assertThat(netty.decodeHeaders(1, copy).status()).hasToString(status);
    }
  }

  @Test
  void aStatusSentAsALiteralWithAnEncodedNameIsRead() throws Exception {
    ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());
    // Literal with indexing, new name ":status" (7 octets, not Huffman), value "418"; then the
    // same field by its dynamic index 62.
    ByteBuf first = bytes("4007" + hex(":status") + "03" + hex("418"));

    assertThat(client.decodeHeaders(1, first).status()).hasToString("418");
    assertThat(client.decodeHeaders(3, bytes("be")).status()).hasToString("418");
    assertThat(client.decodeHeaders(5, bytes("5c0131")).status()).isNull();
  }

  private static String hex(String ascii) {
    return io.netty.buffer.ByteBufUtil.hexDump(
        ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void refusesWhatNettysDecoderRefusesAsACompressionError() {
    List<String> broken =
        List.of(
            "80", // index 0
            "bf", // index 63: the dynamic table is empty
            "4005" + hex("ab"), // a name longer than what is left
            "3fe21f", // a table size update above 4,096
            "0081ff" + "00", // a Huffman name with more than 7 bits of padding
            "ff8080808080808001", // an index that overflows an int
            "7f"); // a truncated index
    for (String hex : broken) {
      ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());
      DefaultHttp2HeadersDecoder netty = new DefaultHttp2HeadersDecoder(false);

      assertThatThrownBy(() -> client.decodeHeaders(1, bytes(hex)))
          .as(hex)
          .isInstanceOfSatisfying(
              Http2Exception.class,
              e -> assertThat(e.error()).isEqualTo(Http2Error.COMPRESSION_ERROR));
      assertThatThrownBy(() -> netty.decodeHeaders(1, bytes(hex))).as(hex).isNotNull();
    }
  }

  @Test
  void aHeaderListAboveTheLimitFailsItsStreamButKeepsTheTable() throws Exception {
    ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());
    client.maxHeaderListSize(100, 200);
    DefaultHttp2HeadersEncoder server = new DefaultHttp2HeadersEncoder();
    Http2Headers big = new DefaultHttp2Headers().status("201").add("x-big", "b".repeat(120));
    ByteBuf block = Unpooled.buffer();
    server.encodeHeaders(1, big, block);

    assertThatThrownBy(() -> client.decodeHeaders(1, block))
        .isInstanceOf(Http2Exception.StreamException.class);
    ByteBuf again = Unpooled.buffer();
    server.encodeHeaders(3, new DefaultHttp2Headers().status("201"), again);
    assertThat(client.decodeHeaders(3, again).status()).hasToString("201");
  }

  @Test
  void aLowerTableSizeMustBeAcknowledgedAtTheStartOfTheNextBlock() throws Exception {
    ResponseHeaderDecoder client = new ResponseHeaderDecoder(new ResponseStatus());
    client.maxHeaderTableSize(100);

    assertThatThrownBy(() -> client.decodeHeaders(1, bytes("88")))
        .isInstanceOf(Http2Exception.class);
    // 0x3f 0x45: a size update to 100, then :status 200.
    assertThat(client.decodeHeaders(1, bytes("3f4588")).status()).hasToString("200");
  }
}
