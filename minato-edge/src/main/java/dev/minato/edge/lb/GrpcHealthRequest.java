package dev.minato.edge.lb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A gRPC health check written out as the bytes an HTTP/2 client sends, for devices that can send
 * bytes but cannot send a gRPC request: HAProxy's {@code http-check} cannot put the NUL bytes of a
 * gRPC message into a body (its configuration strings end at NUL), and a check that only reads the
 * HTTP status passes a server that answers NOT_SERVING (gRPC reports errors with status 200).
 *
 * <p>The request is the client connection preface, an empty SETTINGS frame, a HEADERS frame for
 * {@code POST /grpc.health.v1.Health/Check} on stream 1 (HPACK without Huffman coding or table
 * updates, so it needs no state) and a DATA frame ending the stream with the length-prefixed {@code
 * HealthCheckRequest}. The reply is SERVING when stream 1 carries a DATA frame holding exactly
 * {@code HealthCheckResponse{status: SERVING}}.
 */
final class GrpcHealthRequest {

  /**
   * Stream 1's id (the end of the DATA frame's header) and a 2-byte HealthCheckResponse up to its
   * status tag.
   */
  static final String REPLY_HEX = "00000001" + "0000000002" + "08";

  /**
   * A regular expression over the reply in hex that matches once stream 1 is answered: the reply's
   * DATA frame ({@link #REPLY_HEX}), a HEADERS frame ending stream 1 (type 1, flags END_STREAM and
   * END_HEADERS: a trailers-only error such as NOT_FOUND for an unknown service), or RST_STREAM on
   * stream 1 (type 3). Matched at whole bytes only ({@code (..)*?}), never across a nibble.
   */
  static final String ANSWERED_HEX_REGEX = "^(..)*?(" + REPLY_HEX + "|010500000001|030000000001)";

  /** The same with status SERVING (1). */
  static final String SERVING_REPLY_HEX = REPLY_HEX + "01";

  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DATA = 0x0;
  private static final int HEADERS = 0x1;
  private static final int SETTINGS = 0x4;
  private static final int END_STREAM = 0x1;
  private static final int END_HEADERS = 0x4;

  private GrpcHealthRequest() {}

  /**
   * The request bytes in hex. {@code authority} and {@code service} are validated plan values
   * (ASCII).
   */
  static String hex(String authority, Optional<String> service) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PREFACE);
    frame(out, SETTINGS, 0, 0, new byte[0]);
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    headers.write(0x83); // :method POST (static table 3)
    headers.write(0x86); // :scheme http (static table 6)
    literal(headers, 0x04, HealthCheck.GRPC_HEALTH_PATH); // :path (name: static table 4)
    literal(headers, 0x01, authority); // :authority (name: static table 1)
    headers.write(0x0f); // content-type (name: static table 31 = 15 + 16)
    headers.write(0x10);
    string(headers, "application/grpc");
    headers.write(0x00); // te, a new name
    string(headers, "te");
    string(headers, "trailers");
    frame(out, HEADERS, END_HEADERS, 1, headers.toByteArray());
    byte[] message = message(service.orElse(""));
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(0); // not compressed
    data.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(message.length).array());
    data.writeBytes(message);
    frame(out, DATA, END_STREAM, 1, data.toByteArray());
    return HexFormat.of().formatHex(out.toByteArray());
  }

  /** {@code HealthCheckRequest{service}}: field 1, a string; nothing for the whole server. */
  private static byte[] message(String service) {
    byte[] name = service.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    if (name.length > 0) {
      message.write(0x0a);
      int length = name.length;
      while (length >= 0x80) { // a base-128 varint, low groups first
        message.write((length & 0x7f) | 0x80);
        length >>>= 7;
      }
      message.write(length);
      message.writeBytes(name);
    }
    return message.toByteArray();
  }

  /** A literal header field without indexing, its name from the static table (4-bit prefix). */
  private static void literal(ByteArrayOutputStream out, int nameIndex, String value) {
    out.write(nameIndex);
    string(out, value);
  }

  /** An HPACK string literal without Huffman coding: a 7-bit-prefix length, then the bytes. */
  private static void string(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    int length = bytes.length;
    if (length < 0x7f) {
      out.write(length);
    } else {
      out.write(0x7f);
      length -= 0x7f;
      while (length >= 0x80) {
        out.write((length & 0x7f) | 0x80);
        length >>>= 7;
      }
      out.write(length);
    }
    out.writeBytes(bytes);
  }

  private static void frame(
      ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
    out.write(payload.length >>> 16);
    out.write(payload.length >>> 8);
    out.write(payload.length);
    out.write(type);
    out.write(flags);
    out.write(stream >>> 24);
    out.write(stream >>> 16);
    out.write(stream >>> 8);
    out.write(stream);
    out.writeBytes(payload);
  }
}
