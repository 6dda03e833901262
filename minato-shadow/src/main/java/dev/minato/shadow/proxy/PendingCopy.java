package dev.minato.shadow.proxy;

import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.upstream.HeaderFields;
import dev.minato.shadow.upstream.HeldBody;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * A request to be mirrored and its primary's answer, as the clients' event loop leaves them: the
 * header fields the primary was sent and answered with, and the answer's body held, not copied. The
 * loop fills it in and hands it over once; the copies' loop then makes the exchange's values of it
 * ({@link #request()}, {@link #primary()}), so copying headers and bodies for the comparison is
 * work of the copies' loop, in the idle scheduling class, not of the loop that answers clients. The
 * header objects are read only after the hand-over, when nothing on the clients' loop touches them
 * any more.
 */
final class PendingCopy {

  private final String method;
  private final String target;
  private final HttpHeaders requestHeaders;
  private final Body requestBody;
  private int status;
  private HttpHeaders responseHeaders;
  private HeldBody responseBody;
  private long latencyNanos;
  private Outcome.Failed failure;

  PendingCopy(String method, String target, HttpHeaders requestHeaders, Body requestBody) {
    this.method = method;
    this.target = target;
    this.requestHeaders = requestHeaders;
    this.requestBody = requestBody;
  }

  String method() {
    return method;
  }

  void answered(int code, HttpHeaders headers, HeldBody body, long nanos) {
    status = code;
    responseHeaders = headers;
    responseBody = body;
    latencyNanos = nanos;
  }

  void failed(Outcome.Failed failed) {
    failure = failed;
  }

  /** The request as the client sent it (its hop-by-hop fields left out, as for the primary). */
  CapturedRequest request() {
    return new CapturedRequest(method, target, HeaderFields.of(requestHeaders), requestBody);
  }

  /** The primary's outcome; copies the held body out, so call once. */
  Outcome primary() {
    if (failure != null) {
      return failure;
    }
    HeldBody body = responseBody;
    responseBody = null;
    return new Outcome.Answered(
        status, HeaderFields.of(responseHeaders), body.body(), latencyNanos);
  }

  /** Lets the held answer go: the copy is dropped. */
  void discard() {
    if (responseBody != null) {
      responseBody.discard();
      responseBody = null;
    }
  }
}
