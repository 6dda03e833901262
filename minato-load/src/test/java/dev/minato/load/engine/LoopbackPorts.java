package dev.minato.load.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waiting for the real servers the tests start (nginx, nghttpd) to listen on 127.0.0.1; their ports
 * come from {@link dev.minato.manifest.testing.FreePorts}.
 */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /**
   * Waits until {@code process} accepts connections on {@code port}; fails with its {@code log}
   * when it exits first or does not listen within {@code limit} (then it is stopped).
   */
  static void awaitListening(Process process, int port, Duration limit, Callable<String> log)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            process.info().command().orElse("server") + " exited: " + log.call());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    process.destroyForcibly().waitFor();
    throw new IllegalStateException(
        "the server did not listen on " + port + " within " + limit + ": " + log.call());
  }
}
