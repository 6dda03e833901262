package dev.minato.shadow.upstream;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Receives one upstream response as it streams in, on the upstream connection's event loop: {@link
 * #head} once, {@link #content} for each piece, then exactly one of {@link #end} or {@link #failed}
 * (failed may come at any time, also before the head). The listener owns each piece of content it
 * is given and must release or pass it on.
 */
public interface ResponseListener {

  void head(HttpResponse head);

  void content(HttpContent piece);

  /** The response is complete; {@code last} may carry the final bytes and trailers. */
  void end(LastHttpContent last);

  /**
   * No complete response will come.
   *
   * @param kind one of {@link FailureKind}'s names
   */
  void failed(String kind, String detail);
}
