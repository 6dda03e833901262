package dev.minato.shadow.upstream;

import dev.minato.shadow.exchange.Outcome;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.CompletableFuture;

/** Turns a streamed response into an {@link Outcome}, keeping the body only up to the limit. */
final class ResponseCollector implements ResponseListener {

  private final CompletableFuture<Outcome> result;
  private final long startNanos;
  private final BodyTee body;
  private HttpResponse head;

  /**
   * @param likely the body the answer is likely to equal (see {@link BodyTee}), or null
   */
  ResponseCollector(
      CompletableFuture<Outcome> result, long startNanos, int bodyLimit, byte[] likely) {
    this.result = result;
    this.startNanos = startNanos;
    this.body = likely == null ? new BodyTee(bodyLimit) : new BodyTee(bodyLimit, likely);
  }

  @Override
  public void head(HttpResponse response) {
    head = response;
  }

  @Override
  public void content(HttpContent piece) {
    try {
      body.see(piece.content());
    } finally {
      piece.release();
    }
  }

  @Override
  public void end(LastHttpContent last) {
    try {
      body.see(last.content());
    } finally {
      last.release();
    }
    result.complete(
        new Outcome.Answered(
            head.status().code(), HeaderFields.of(head.headers()), body.body(), elapsed()));
  }

  @Override
  public void failed(String kind, String detail) {
    result.complete(new Outcome.Failed(kind, detail, elapsed()));
  }

  private long elapsed() {
    return System.nanoTime() - startNanos;
  }
}
