package dev.minato.load.engine;

import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Opens the links of one event loop, so that {@link LoopWorker} does not care which transport
 * carries them: a Netty channel ({@link ChannelDialer}) or the selector loop's own socket ({@link
 * PlainLink}). Used on that loop only.
 */
interface Dialer {

  /**
   * Opens a link to the target; the future completes with it once it can carry requests (connected,
   * for https handshaken, for HTTP/2 settled), or fails with why it never will (then nothing of it
   * is left open).
   */
  Future<Link> dial();

  /** Frees what the dialer keeps for its loop; call once the loop's links are closed. */
  void release();

  /** Makes the dialer of one loop's worker. */
  interface Factory {
    Dialer create(LoopWorker worker, Target target);
  }

  /**
   * Where and how a run's links connect: {@code connectTimeoutNanos} bounds the connect (and the
   * TLS handshake); with {@code http2} present every link speaks HTTP/2 with up to that many
   * streams.
   */
  record Target(
      InetSocketAddress remote,
      long connectTimeoutNanos,
      Optional<TlsClient> tls,
      Optional<Integer> http2) {

    /** The connect timeout in whole milliseconds, at least 1, as Netty's option takes it. */
    int connectTimeoutMillis() {
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeoutNanos / 1_000_000));
    }
  }
}
