package dev.minato.shadow.upstream;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The header fields that describe one connection rather than the message (RFC 9110 section 7.6.1),
 * which a proxy must not forward: each hop frames and keeps alive its own connection.
 */
public final class HopByHop {

  private static final List<String> NAMES =
      List.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /** Looked up without lower-casing a copy of each name (this runs for every header sent). */
  private static final Set<String> LOOKUP = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    LOOKUP.addAll(NAMES);
  }

  private HopByHop() {}

  public static boolean isHopByHop(String name) {
    return LOOKUP.contains(name);
  }

  /**
   * Removes the hop-by-hop fields from {@code headers}, and those the Connection field names, but
   * keeps the framing ({@code Transfer-Encoding: chunked}) when {@code keepFraming}, as a streamed
   * body is re-chunked by the next hop's encoder.
   */
  public static void strip(HttpHeaders headers, boolean keepFraming) {
    for (String listed : headers.getAll("Connection")) {
      for (String name : listed.split(",")) {
        headers.remove(name.trim());
      }
    }
    String encoding = headers.get("Transfer-Encoding");
    for (String name : NAMES) {
      headers.remove(name);
    }
    if (keepFraming && encoding != null) {
      headers.set("Transfer-Encoding", encoding);
    }
  }
}
