package dev.minato.shadow.proxy;

import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Header;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.upstream.BodyTee;
import dev.minato.shadow.upstream.FailureKind;
import dev.minato.shadow.upstream.HeaderFields;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection: each request streams to the primary on the same event loop and the
 * primary's response streams back unchanged, while both bodies are watched (hashed, kept up to the
 * limit) for the comparison. When the request is complete it is offered to the mirror, which
 * returns at once. Requests are served one at a time in order; pipelined ones wait their turn.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

  private final UpstreamClient primary;
  private final Mirror mirror;
  private final MirrorPolicy policy;
  private final ShadowCounters counters;
  private final int bodyLimit;
  private final ArrayDeque<HttpObject> backlog = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private InFlight current;

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
      ctx.channel().config().setAutoRead(false);
      return;
    }
    handle(part);
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
      current.requestBody.see(piece.content());
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

  private void offerToMirror(InFlight request) {
    Body body = request.requestBody.body();
    MirrorPolicy.Decision decision =
        policy.decide(request.method, body.length(), body.comparableByContent());
    if (decision != MirrorPolicy.Decision.MIRROR) {
      counters.notMirrored(decision);
      return;
    }
    mirror.offerOnceAnswered(
        new CapturedRequest(request.method, request.target, request.headers, body),
        request.outcome);
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
    if (backlog.isEmpty()) {
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
    final List<Header> headers;
    final boolean clientKeepAlive;
    final BodyTee requestBody = new BodyTee(bodyLimit);
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    final List<HttpObject> unsent = new ArrayList<>();
    boolean requestEnded;
    UpstreamStream stream;
    boolean abandoned;
    HttpResponse responseHead;
    BodyTee responseBody;

    InFlight(HttpRequest head) {
      method = head.method().name();
      target = head.uri();
      clientKeepAlive = HttpUtil.isKeepAlive(head);
      headers = HeaderFields.of(head.headers());
    }

    /** Sends a request part now, or keeps it until the connection to the primary is ready. */
    void forward(HttpObject part) {
      if (stream != null) {
        stream.write(part);
      } else if (abandoned) {
        ReferenceCountUtil.release(part);
      } else {
        unsent.add(part);
      }
    }

    void ready(UpstreamStream ready) {
      if (abandoned) {
        ready.abort();
        return;
      }
      stream = ready;
      // Written from a copy: a write that fails at once fails this request, which clears unsent.
      List<HttpObject> parts = List.copyOf(unsent);
      unsent.clear();
      parts.forEach(ready::write);
    }

    void abandon() {
      abandoned = true;
      unsent.forEach(ReferenceCountUtil::release);
      unsent.clear();
      if (stream != null) {
        stream.abort();
      }
      outcome.completeExceptionally(new CancellationException("the client went away"));
    }

    @Override
    public void head(HttpResponse head) {
      responseHead = head;
      responseBody = new BodyTee(bodyLimit);
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
      var written = forwardThenSee(last);
      if (!keepAlive) {
        written.addListener(ChannelFutureListener.CLOSE);
      }
      counters.primaryAnswered.increment();
      outcome.complete(
          new Outcome.Answered(
              responseHead.status().code(),
              HeaderFields.of(responseHead.headers()),
              responseBody.body(),
              System.nanoTime() - startNanos));
      finished(this, !keepAlive);
    }

    /**
     * Writes a piece of the answer to the client first and only then copies it for the comparison,
     * so the client never waits for the copy. The bytes are held (retained) across the write, which
     * releases the piece and may move its reader index once the socket has taken them.
     */
    private ChannelFuture forwardThenSee(HttpContent piece) {
      ByteBuf bytes = piece.content();
      int from = bytes.readerIndex();
      int count = bytes.readableBytes();
      bytes.retain();
      try {
        ChannelFuture written = ctx.writeAndFlush(piece);
        responseBody.see(bytes, from, count);
        return written;
      } finally {
        bytes.release();
      }
    }

    @Override
    public void failed(String kind, String detail) {
      unsent.forEach(ReferenceCountUtil::release);
      unsent.clear();
      if (abandoned) {
        return;
      }
      counters.primaryFailed(kind);
      outcome.complete(new Outcome.Failed(kind, detail, System.nanoTime() - startNanos));
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
