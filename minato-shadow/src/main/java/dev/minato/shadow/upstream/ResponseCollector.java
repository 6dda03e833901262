package dev.minato.shadow.upstream;

import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Turns a streamed response into an {@link Outcome}, keeping the body only up to the limit. */
final class ResponseCollector implements ResponseListener {

  private final CompletableFuture<Outcome> result;
  private final long startNanos;
  private final BodyTee body;
  private final List<Header> likelyHeaders;
  private HttpResponse head;

  /**
   * @param likely the answer this one is likely to equal: its body is matched as it arrives (see
   *     {@link BodyTee}) and its equal header fields are shared (see {@link HeaderFields})
   */
  ResponseCollector(
      CompletableFuture<Outcome> result,
      long startNanos,
      int bodyLimit,
      Optional<Outcome.Answered> likely) {
    this.result = result;
    this.startNanos = startNanos;
    this.likelyHeaders = likely.map(Outcome.Answered::headers).orElse(List.of());
    byte[] likelyBody = likely.flatMap(answered -> answered.body().content()).orElse(null);
    this.body = likelyBody == null ? new BodyTee(bodyLimit) : new BodyTee(bodyLimit, likelyBody);
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
            head.status().code(),
            HeaderFields.of(head.headers(), likelyHeaders),
            body.body(),
            elapsed()));
  }

  @Override
  public void failed(String kind, String detail) {
    result.complete(new Outcome.Failed(kind, detail, elapsed()));
  }

  private long elapsed() {
    return System.nanoTime() - startNanos;
  }
}
