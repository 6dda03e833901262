package dev.minato.load.engine;

import dev.minato.load.stats.FailureKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2PromisedRequestVerifier;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 connection carrying several requests at once as streams, with Netty's HTTP/2 codec
 * (framing, HPACK, flow control). Over TLS the server must choose {@code h2} by ALPN; in cleartext
 * the connection starts with the HTTP/2 preface (prior knowledge). It can carry requests once the
 * server's settings arrived, up to the fewer of its stream limit and the server's. A stream that
 * times out is reset (the connection stays); a lost connection fails every stream it carried. All
 * state is touched only on the connection's event loop.
 */
final class H2Connection extends Http2ConnectionHandler implements Link {

  /** Per-stream receive window: large bodies are not held back by window updates. */
  private static final int STREAM_WINDOW = 1 << 20;

  /** Connection receive window, as h2load's default leaves the connection unthrottled. */
  private static final int CONNECTION_WINDOW = 16 << 20;

  /** The default connection window every HTTP/2 connection starts with (RFC 9113, 6.9.2). */
  private static final int DEFAULT_WINDOW = 65_535;

  /** One request in flight; reused, so a busy connection allocates none per request. */
  private static final class Stream {
    int template;
    long intendedNanos;
    long sentNanos;
    int status;
  }

  private final LoopWorker worker;
  private final int maxStreams;
  private final boolean tls;
  private final long settingsTimeoutNanos;
  private final IntObjectMap<Stream> streams = new IntObjectHashMap<>();
  private final ArrayDeque<Stream> spare = new ArrayDeque<>();
  private ChannelHandlerContext context;
  private ChannelPromise established;
  private boolean settled;
  private boolean goingAway;
  private boolean closed;
  private boolean listed;
  private boolean reading;
  // Why the connection failed, when it did not just close: for the streams it loses.
  private Throwable failure;

  private H2Connection(
      Http2ConnectionDecoder decoder,
      Http2ConnectionEncoder encoder,
      Http2Settings settings,
      LoopWorker worker,
      int maxStreams,
      boolean tls,
      long settingsTimeoutNanos) {
    super(decoder, encoder, settings);
    this.worker = worker;
    this.maxStreams = maxStreams;
    this.tls = tls;
    this.settingsTimeoutNanos = settingsTimeoutNanos;
    decoder.frameListener(new Frames());
  }

  /**
   * A client connection for {@code worker} with at most {@code maxStreams} streams at once, which
   * gives up when the server's settings have not arrived {@code timeoutNanos} after it connected.
   */
  static H2Connection create(LoopWorker worker, int maxStreams, boolean tls, long timeoutNanos) {
    return new Builder(worker, maxStreams, tls, timeoutNanos).build();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    // A server that reads the preface as a request it does not understand may just wait.
    ctx.executor()
        .schedule(
            JvmErrors.guard(
                () -> {
                  if (established.tryFailure(
                      new IOException(
                          "no HTTP/2 settings from the server within the timeout"
                              + (tls ? "" : " (does it speak h2c with prior knowledge?)")))) {
                    ctx.close();
                  }
                }),
            settingsTimeoutNanos,
            TimeUnit.NANOSECONDS);
    super.channelActive(ctx);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    context = ctx;
    established = ctx.newPromise();
    super.handlerAdded(ctx);
  }

  @Override
  public Future<?> established() {
    return established;
  }

  @Override
  public boolean hasRoom() {
    return settled
        && !goingAway
        && !closed
        && streams.size() < maxStreams
        && connection().local().canOpenStream();
  }

  @Override
  public boolean listed() {
    return listed;
  }

  @Override
  public void listed(boolean value) {
    listed = value;
  }

  @Override
  public void send(int template, WireRequest request, long intendedNanos, long nowNanos) {
    int id = connection().local().incrementAndGetNextStreamId();
    if (id < 0) {
      // Stream ids are spent (2^31 of them): this connection ends once its streams have.
      goingAway = true;
      worker.lost(
          template,
          FailureKind.CLOSED,
          "the connection has used all its stream ids",
          intendedNanos);
      closeIfDrained();
      return;
    }
    Stream stream = spare.isEmpty() ? new Stream() : spare.pop();
    stream.template = template;
    stream.intendedNanos = intendedNanos;
    stream.sentNanos = nowNanos;
    stream.status = 0;
    streams.put(id, stream);
    Http2ConnectionEncoder encoder = encoder();
    boolean body = request.hasBody();
    encoder.writeHeaders(context, id, request.http2Headers(), 0, !body, context.voidPromise());
    if (body) {
      encoder.writeData(context, id, request.body(), 0, true, context.voidPromise());
    }
    if (!reading) {
      // Inside a read, the codec flushes once when the read completes: one write for every
      // request the responses of that read let through.
      flush(context);
    }
  }

  @Override
  public void expire(long now, long timeoutNanos) {
    List<Integer> late = null;
    for (IntObjectMap.PrimitiveEntry<Stream> e : streams.entries()) {
      if (now - e.value().sentNanos > timeoutNanos) {
        if (late == null) {
          late = new ArrayList<>();
        }
        late.add(e.key());
      }
    }
    if (late == null) {
      return;
    }
    for (int id : late) {
      Stream stream = streams.remove(id);
      encoder().writeRstStream(context, id, Http2Error.CANCEL.code(), context.voidPromise());
      spare.push(stream);
      worker.roomAgain(this);
      worker.timedOut(stream.template, stream.intendedNanos);
    }
    flush(context);
  }

  @Override
  public void close() {
    context.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    reading = true;
    try {
      super.channelRead(ctx, msg);
    } finally {
      reading = false;
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
      established.tryFailure(handshake.cause());
    } else if (event instanceof SslHandshakeCompletionEvent handshake) {
      String chosen = ctx.pipeline().get(SslHandler.class).applicationProtocol();
      if (!"h2".equals(chosen)) {
        established.tryFailure(
            new IOException(
                "the server did not agree to HTTP/2 in the TLS handshake (ALPN "
                    + (chosen == null ? "not supported" : "chose '" + chosen + "'")
                    + "); run without --http2 (protocol http/1.1)"));
        ctx.close();
        return;
      }
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closed = true;
    established.tryFailure(
        new IOException(
            "the server closed the connection before its HTTP/2 settings arrived"
                + (tls ? "" : " (does it speak h2c with prior knowledge?)")));
    worker.closed(this);
    List<Stream> lost = new ArrayList<>(streams.values());
    streams.clear();
    FailureKind kind = failure == null ? FailureKind.CLOSED : FailureCause.kindOf(failure);
    String message =
        failure == null
            ? "the connection closed before the response was complete"
            : FailureCause.messageOf(failure);
    for (Stream stream : lost) {
      worker.lost(stream.template, kind, message, stream.intendedNanos);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    JvmErrors.escalateIfFatal(cause);
    if (failure == null) {
      failure = cause;
    }
    super.exceptionCaught(ctx, cause);
  }

  private void headers(int streamId, Http2Headers headers, boolean endOfStream) {
    Stream stream = streams.get(streamId);
    if (stream == null) {
      return; // a stream this side reset after its timeout
    }
    if (headers.status() != null || stream.status < 200) {
      // A block without :status after the final response head is trailers (gRPC ends every
      // response with them): the response keeps its status. Informational heads (1xx) are
      // passed over; a missing or malformed status in a head is kept as 0, a protocol error.
      int status = status(headers);
      if (status >= 200 || status < 100) {
        stream.status = status;
      }
    }
    if (endOfStream) {
      complete(streamId, stream);
    }
  }

  private void complete(int streamId, Stream stream) {
    streams.remove(streamId);
    spare.push(stream);
    if (stream.status == 0) {
      // No final response head before the stream ended: nothing to record as a response.
      worker.roomAgain(this);
      worker.lost(
          stream.template,
          FailureKind.PROTOCOL,
          "the stream ended without a response status",
          stream.intendedNanos);
    } else {
      worker.responded(
          this, stream.template, stream.status, stream.intendedNanos, stream.sentNanos, true);
    }
    closeIfDrained();
  }

  private void closeIfDrained() {
    if (goingAway && streams.isEmpty()) {
      context.close();
    }
  }

  private static int status(Http2Headers headers) {
    CharSequence status = headers.status();
    if (status == null || status.length() != 3) {
      return 0;
    }
    int code = 0;
    for (int i = 0; i < 3; i++) {
      int d = status.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return 0;
      }
      code = code * 10 + d;
    }
    return code;
  }

  /** What the codec read, decoded into frames. */
  private final class Frames extends Http2FrameAdapter {

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings)
        throws Http2Exception {
      if (!settled) {
        settled = true;
        connection()
            .local()
            .flowController()
            .incrementWindowSize(
                connection().connectionStream(), CONNECTION_WINDOW - DEFAULT_WINDOW);
        established.trySuccess();
      }
    }

    @Override
    public void onHeadersRead(
        ChannelHandlerContext ctx,
        int streamId,
        Http2Headers headers,
        int padding,
        boolean endOfStream) {
      headers(streamId, headers, endOfStream);
    }

    @Override
    public void onHeadersRead(
        ChannelHandlerContext ctx,
        int streamId,
        Http2Headers headers,
        int streamDependency,
        short weight,
        boolean exclusive,
        int padding,
        boolean endOfStream) {
      headers(streamId, headers, endOfStream);
    }

    @Override
    public int onDataRead(
        ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
      // Counted as read at once: the body is skipped, and the window opens again.
      int processed = data.readableBytes() + padding;
      Stream stream = streams.get(streamId);
      if (stream != null && endOfStream) {
        complete(streamId, stream);
      }
      return processed;
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
      Stream stream = streams.remove(streamId);
      if (stream != null) {
        spare.push(stream);
        worker.roomAgain(H2Connection.this);
        worker.lost(
            stream.template,
            FailureKind.RESET,
            "the server reset the stream (HTTP/2 error code " + errorCode + ")",
            stream.intendedNanos);
        closeIfDrained();
      }
    }

    @Override
    public void onGoAwayRead(
        ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
      // No new streams here; those above the last one the server took will never be answered.
      goingAway = true;
      List<Integer> refused = new ArrayList<>();
      for (IntObjectMap.PrimitiveEntry<Stream> e : streams.entries()) {
        if (e.key() > lastStreamId) {
          refused.add(e.key());
        }
      }
      for (int id : refused) {
        Stream stream = streams.remove(id);
        spare.push(stream);
        worker.lost(
            stream.template,
            FailureKind.CLOSED,
            "the server went away before this stream (HTTP/2 GOAWAY after stream "
                + lastStreamId
                + ")",
            stream.intendedNanos);
      }
      closeIfDrained();
    }
  }

  private static final class Builder
      extends AbstractHttp2ConnectionHandlerBuilder<H2Connection, Builder> {
    private final LoopWorker worker;
    private final int maxStreams;
    private final boolean tls;
    private final long timeoutNanos;

    Builder(LoopWorker worker, int maxStreams, boolean tls, long timeoutNanos) {
      this.worker = worker;
      this.maxStreams = maxStreams;
      this.tls = tls;
      this.timeoutNanos = timeoutNanos;
      // Netty's codec, with two parts of the header handling replaced: requests are encoded by
      // RequestHeaderEncoder (a fixed block per request kind once the table holds its headers)
      // and responses are read by ResponseHeaderDecoder, which keeps the HPACK table exact but
      // keeps only :status (ResponseStatus), decoding a Huffman string only when it has not seen
      // its bytes lately. Response headers are not validated byte by byte: the generator reads
      // only :status. Both were visible shares of the event loop's time.
      Http2Connection connection = new DefaultHttp2Connection(false);
      // Requests are sent without priorities (RFC 9113 deprecates them), so the remote flow
      // controller shares the send window evenly: Netty's default weighted distributor kept a
      // priority tree with a state per stream, added and removed for every request (about 3 % of
      // the event loop's time over h2c, perf). Request bodies are still sent only as the server's
      // windows allow.
      connection
          .remote()
          .flowController(
              new DefaultHttp2RemoteFlowController(
                  connection, new UniformStreamByteDistributor(connection)));
      Http2ConnectionEncoder encoder =
          new DefaultHttp2ConnectionEncoder(
              connection, new DefaultHttp2FrameWriter(new RequestHeaderEncoder()));
      Http2ConnectionDecoder decoder =
          new DefaultHttp2ConnectionDecoder(
              connection,
              encoder,
              new DefaultHttp2FrameReader(new ResponseHeaderDecoder(new ResponseStatus())),
              Http2PromisedRequestVerifier.ALWAYS_VERIFY,
              true,
              true,
              false);
      codec(decoder, encoder);
      initialSettings(
          Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(STREAM_WINDOW));
    }

    @Override
    public H2Connection build() {
      return super.build();
    }

    @Override
    protected H2Connection build(
        Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
      return new H2Connection(decoder, encoder, settings, worker, maxStreams, tls, timeoutNanos);
    }
  }
}
