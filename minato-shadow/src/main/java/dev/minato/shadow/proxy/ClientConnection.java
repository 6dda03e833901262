package dev.minato.shadow.proxy;

import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.upstream.BodyTee;
import dev.minato.shadow.upstream.FailureKind;
import dev.minato.shadow.upstream.HeldBody;
import dev.minato.shadow.upstream.HopByHop;
import dev.minato.shadow.upstream.ResponseListener;
import dev.minato.shadow.upstream.UpstreamClient;
import dev.minato.shadow.upstream.UpstreamStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection: each request streams to the primary on the same event loop and the
 * primary's response streams back unchanged. When the request is complete and is to be mirrored, it
 * takes a place in the mirror's queue, and the primary's answer is held for the comparison (its
 * body a retained piece, its header fields the object written to the client): both go to the
 * copies' loop once the answer is out, where they are copied. Requests are served one at a time in
 * order; pipelined ones wait their turn.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

  private final UpstreamClient primary;
  private final Mirror mirror;
  private final MirrorPolicy policy;
  private final ShadowCounters counters;
  private final int bodyLimit;
  private final ArrayDeque<HttpObject> backlog = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private Mirror.Lane lane;
  private InFlight current;
  private boolean paused;

  ClientConnection(
      UpstreamClient primary,
      Mirror mirror,
      MirrorPolicy policy,
      ShadowCounters counters,
      int bodyLimit) {
    this.primary = primary;
    this.mirror = mirror;
    this.policy = policy;
    this.counters = counters;
    this.bodyLimit = bodyLimit;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    ctx = context;
    lane = mirror.lane(context.channel().eventLoop());
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (!(msg instanceof HttpObject part)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!backlog.isEmpty() || (current != null && current.requestEnded)) {
      // A pipelined request: it waits until the response before it has been sent whole. Parts
      // behind others already waiting wait too, so the order of the client's bytes is kept.
      backlog.add(part);
      paused = true;
      ctx.channel().config().setAutoRead(false);
      return;
    }
    handle(part);
  }

  /**
   * What this read gave the primary goes out in one flush: a request's head and its end (all of a
   * GET) are one write to the primary's socket, not one each.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    flushToPrimary();
    context.fireChannelReadComplete();
  }

  private void flushToPrimary() {
    InFlight request = current;
    if (request != null && request.stream != null) {
      request.stream.flush();
    }
  }

  private void handle(HttpObject part) {
    if (part.decoderResult().isFailure()) {
      ReferenceCountUtil.release(part);
      answerLocally(HttpResponseStatus.BAD_REQUEST, "malformed request");
      return;
    }
    if (part instanceof HttpRequest head) {
      begin(head);
    }
    if (part instanceof HttpContent piece && current == null) {
      piece.release(); // the rest of a request the primary has already answered or failed
    } else if (part instanceof HttpContent piece) {
      current.seeRequestBody(piece.content());
      boolean last = piece instanceof LastHttpContent;
      current.forward(piece);
      if (last) {
        current.requestEnded = true;
        offerToMirror(current);
      }
    }
  }

  private void begin(HttpRequest head) {
    counters.requests.increment();
    InFlight request = new InFlight(head);
    current = request;
    primary.open(ctx.channel().eventLoop(), request, request::ready);
    // The client's head, read into the exchange above, is itself sent on: a copy of its header
    // fields per request was among the event loop's largest allocations.
    head.setUri(primary.address().targetFor(head.uri()));
    HopByHop.strip(head.headers(), true);
    request.forward(head);
  }

  /**
   * Decides, once the request has ended, whether it is mirrored, and takes its place in the queue:
   * the copy then waits in the request for the primary's answer (see {@link InFlight#end}).
   */
  private void offerToMirror(InFlight request) {
    Body body = request.requestBody == null ? Body.EMPTY : request.requestBody.body();
    MirrorPolicy.Decision decision =
        policy.decide(request.method, body.length(), body.comparableByContent());
    if (decision != MirrorPolicy.Decision.MIRROR) {
      counters.notMirrored(decision);
      return;
    }
    if (mirror.reserve()) {
      request.copy = new PendingCopy(request.method, request.target, request.headers, body);
    }
  }

  private void finished(InFlight request, boolean closeClient) {
    if (current != request) {
      return;
    }
    current = null;
    if (closeClient) {
      backlog.forEach(ReferenceCountUtil::release);
      backlog.clear();
      return;
    }
    // The next request is taken whole from the backlog (its head and every part up to its end),
    // not only its head: a part left behind would never be sent, and the request never end.
    while (!backlog.isEmpty() && (current == null || !current.requestEnded)) {
      handle(backlog.poll());
    }
    flushToPrimary();
    if (backlog.isEmpty() && paused) {
      paused = false;
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void answerLocally(HttpResponseStatus status, String text) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    response.headers().set(HttpHeaderNames.CONNECTION, "close");
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    InFlight request = current;
    if (request != null && request.stream != null && ctx.channel().isWritable()) {
      request.stream.resumeReading();
    }
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    InFlight request = current;
    if (request != null) {
      counters.clientAborted.increment();
      request.abandon();
    }
    backlog.forEach(ReferenceCountUtil::release);
    backlog.clear();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    context.close();
  }

  /** One request on its way to the primary and its response on its way back. */
  private final class InFlight implements ResponseListener {

    final String method;
    final String target;

    /**
     * The request's header fields, the object sent on to the primary itself (its hop-by-hop fields
     * removed): read for the copies only once handed over, never copied here.
     */
    final HttpHeaders headers;

    final boolean clientKeepAlive;
    final long startNanos = System.nanoTime();
    BodyTee requestBody;
    List<HttpObject> unsent;
    boolean requestEnded;
    UpstreamStream stream;
    boolean abandoned;
    HttpResponse responseHead;

    /** The answer's body, held for a copy; null when there is none to compare it with. */
    HeldBody responseBody;

    /** The copy waiting for the primary's answer, once the request is to be mirrored. */
    PendingCopy copy;

    InFlight(HttpRequest head) {
      method = head.method().name();
      target = head.uri();
      clientKeepAlive = HttpUtil.isKeepAlive(head);
      headers = head.headers();
    }

    void seeRequestBody(ByteBuf bytes) {
      if (!bytes.isReadable()) {
        return;
      }
      if (requestBody == null) {
        requestBody = new BodyTee(bodyLimit);
      }
      requestBody.see(bytes);
    }

    /** Sends a request part now, or keeps it until the connection to the primary is ready. */
    void forward(HttpObject part) {
      if (stream != null) {
        stream.write(part);
      } else if (abandoned) {
        ReferenceCountUtil.release(part);
      } else {
        if (unsent == null) {
          unsent = new ArrayList<>(2);
        }
        unsent.add(part);
      }
    }

    void ready(UpstreamStream ready) {
      if (abandoned) {
        ready.abort();
        return;
      }
      stream = ready;
      if (unsent == null || unsent.isEmpty()) {
        return; // the usual case: the connection was idle in the pool, nothing written yet
      }
      // Written from a copy: a write that fails at once fails this request, which clears unsent.
      List<HttpObject> parts = List.copyOf(unsent);
      unsent.clear();
      parts.forEach(ready::write);
      ready.flush();
    }

    void abandon() {
      abandoned = true;
      releaseUnsent();
      if (stream != null) {
        stream.abort();
      }
      if (copy != null) {
        mirror.cancel();
        copy = null;
      }
      letBodyGo();
    }

    private void releaseUnsent() {
      if (unsent != null) {
        unsent.forEach(ReferenceCountUtil::release);
        unsent.clear();
      }
    }

    private void letBodyGo() {
      if (responseBody != null) {
        responseBody.discard();
        responseBody = null;
      }
    }

    @Override
    public void head(HttpResponse head) {
      responseHead = head;
      // Held only when a copy may be compared with it: the request is to be mirrored, or has not
      // ended yet (the decision comes at its end).
      responseBody = copy != null || !requestEnded ? new HeldBody(bodyLimit) : null;
      ctx.write(head);
    }

    @Override
    public void content(HttpContent piece) {
      forwardThenSee(piece);
      if (!ctx.channel().isWritable() && stream != null) {
        stream.pauseReading();
      }
    }

    @Override
    public void end(LastHttpContent last) {
      boolean keepAlive = clientKeepAlive && HttpUtil.isKeepAlive(responseHead);
      // Counted before the answer's end goes out: whoever has seen the whole answer (a client, a
      // test, the status endpoint's reader) then finds it counted.
      counters.primaryAnswered.increment();
      var written = forwardThenSee(last);
      if (!keepAlive) {
        written.addListener(ChannelFutureListener.CLOSE);
      }
      if (copy != null) {
        // The answer is on its way to the client: the copy goes to the copies' loop with the
        // answer's header fields and body as they are, to be read and copied there.
        copy.answered(
            responseHead.status().code(),
            responseHead.headers(),
            responseBody,
            System.nanoTime() - startNanos);
        responseBody = null;
        lane.answered(copy);
        copy = null;
      }
      letBodyGo();
      finished(this, !keepAlive);
    }

    /**
     * Writes a piece of the answer to the client first, holding its bytes for the comparison (a
     * retained slice, no copy), so the client never waits for the comparison's share.
     */
    private ChannelFuture forwardThenSee(HttpContent piece) {
      if (responseBody != null) {
        ByteBuf bytes = piece.content();
        responseBody.see(bytes, bytes.readerIndex(), bytes.readableBytes());
      }
      return ctx.writeAndFlush(piece);
    }

    @Override
    public void failed(String kind, String detail) {
      releaseUnsent();
      if (abandoned) {
        return;
      }
      counters.primaryFailed(kind);
      letBodyGo();
      if (copy != null) {
        copy.failed(new Outcome.Failed(kind, detail, System.nanoTime() - startNanos));
        lane.answered(copy);
        copy = null;
      }
      if (responseHead == null) {
        // Nothing was sent to the client yet: answer as a gateway does.
        answerLocally(
            kind.equals(FailureKind.TIMEOUT)
                ? HttpResponseStatus.GATEWAY_TIMEOUT
                : HttpResponseStatus.BAD_GATEWAY,
            "minato shadow: the primary failed (" + kind + "): " + detail);
      } else {
        // Part of the response is out: cutting the connection is the only honest signal left.
        ctx.close();
      }
      finished(this, true);
    }
  }
}
