package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
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
    DefaultHttp2HeadersDecoder client = ResponseStatus.decoder(new ResponseStatus());

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
}
