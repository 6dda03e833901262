package dev.minato.load.engine;

import dev.minato.load.scenario.RequestTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request encoded once as HTTP/1.1 bytes. Every send writes a duplicate of the same direct
 * buffer, so the hot path neither encodes nor allocates request bytes.
 */
final class WireRequest {

  private final ByteBuf owned;
  private final ByteBuf bytes;
  private final boolean head;

  private WireRequest(ByteBuf owned, boolean head) {
    this.owned = owned;
    // Sends write duplicates of a view that ignores release; the run releases the bytes once.
    this.bytes = Unpooled.unreleasableBuffer(owned);
    this.head = head;
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
    return new WireRequest(buf, template.method().equals("HEAD"));
  }

  /** A view of the bytes to write; it shares content and needs no release. */
  ByteBuf bytes() {
    return bytes.duplicate();
  }

  /** Frees the bytes; call once no connection can write them any more. */
  void release() {
    owned.release();
  }

  /** Responses to HEAD carry headers that announce a body which never comes. */
  boolean isHead() {
    return head;
  }
}
