package dev.minato.load.engine;

import dev.minato.load.scenario.RequestTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request encoded once: as HTTP/1.1 bytes, and as the HTTP/2 header block and body. Every send
 * writes a duplicate of the same direct buffer (or the same headers), so the hot path neither
 * encodes nor allocates request bytes; HTTP/2 still compresses the headers per connection (HPACK).
 */
final class WireRequest {

  /** Headers HTTP/2 forbids (RFC 9113, 8.2.2); {@code Host} becomes {@code :authority}. */
  private static final Set<String> CONNECTION_SPECIFIC =
      Set.of(
          "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host");

  private final ByteBuf owned;
  private final ByteBuf bytes;
  private final long memoryAddress;
  private final boolean head;
  private final Http2Headers http2Headers;
  private final ByteBuf ownedBody;
  private final ByteBuf body;

  private WireRequest(ByteBuf owned, boolean head, Http2Headers http2Headers, ByteBuf ownedBody) {
    this.owned = owned;
    // Sends write duplicates of a view that ignores release; the run releases the bytes once.
    this.bytes = Unpooled.unreleasableBuffer(owned);
    this.memoryAddress = owned.hasMemoryAddress() ? owned.memoryAddress() + owned.readerIndex() : 0;
    this.head = head;
    this.http2Headers = http2Headers;
    this.ownedBody = ownedBody;
    this.body = Unpooled.unreleasableBuffer(ownedBody);
  }

  static WireRequest encode(RequestTemplate template, URI target) {
    // The Host header leaves out the scheme's default port, as browsers and curl do.
    String host = target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
    StringBuilder head = new StringBuilder();
    head.append(template.method()).append(' ').append(template.path()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append("\r\n");
    boolean userAgent = false;
    for (Map.Entry<String, String> h : template.headerView().entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      userAgent |= h.getKey().equalsIgnoreCase("user-agent");
    }
    if (!userAgent) {
      head.append("User-Agent: minato-load\r\n");
    }
    byte[] body = template.body();
    if (body.length > 0 || !template.method().equals("GET") && !template.method().equals("HEAD")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    byte[] all = out.toByteArray();
    ByteBuf buf = Unpooled.directBuffer(all.length).writeBytes(all);
    ByteBuf bodyBuf = Unpooled.directBuffer(Math.max(1, body.length)).writeBytes(body);
    return new WireRequest(
        buf, template.method().equals("HEAD"), http2Headers(template, target), bodyBuf);
  }

  private static Http2Headers http2Headers(RequestTemplate template, URI target) {
    String authority = target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
    Http2Headers headers =
        new DefaultHttp2Headers()
            .method(template.method())
            .path(template.path())
            .scheme(target.getScheme())
            .authority(authority);
    boolean userAgent = false;
    for (Map.Entry<String, String> h : template.headerView().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("te") && !h.getValue().trim().equalsIgnoreCase("trailers")) {
        continue;
      }
      if (!CONNECTION_SPECIFIC.contains(name)) {
        headers.add(name, h.getValue());
        userAgent |= name.equals("user-agent");
      }
    }
    if (!userAgent) {
      headers.add("user-agent", "minato-load");
    }
    int length = template.body().length;
    if (length > 0 || !template.method().equals("GET") && !template.method().equals("HEAD")) {
      headers.add("content-length", Integer.toString(length));
    }
    return headers;
  }

  /** A view of the bytes to write; it shares content and needs no release. */
  ByteBuf bytes() {
    return bytes.duplicate();
  }

  /**
   * A view of the HTTP/1.1 bytes for a write to a {@link java.nio.channels.SocketChannel}: a direct
   * buffer sharing the content, so the write copies nothing on the way to the kernel.
   */
  ByteBuffer nioBytes() {
    return owned.nioBuffer();
  }

  /** The length of the HTTP/1.1 bytes. */
  int length() {
    return owned.readableBytes();
  }

  /**
   * Where the HTTP/1.1 bytes start in native memory, for a write straight to a socket, or 0 when
   * the buffer has no address (then {@link #bytes()} is the only way to write them).
   */
  long memoryAddress() {
    return memoryAddress;
  }

  /** The HTTP/2 header block (pseudo-headers first); shared, never to be changed. */
  Http2Headers http2Headers() {
    return http2Headers;
  }

  /** Whether an HTTP/2 request carries a body after its headers. */
  boolean hasBody() {
    return ownedBody.isReadable();
  }

  /** A view of the body for HTTP/2; it shares content and needs no release. */
  ByteBuf body() {
    return body.duplicate();
  }

  /** Frees the bytes; call once no connection can write them any more. */
  void release() {
    owned.release();
    ownedBody.release();
  }

  /** Responses to HEAD carry headers that announce a body which never comes. */
  boolean isHead() {
    return head;
  }
}
