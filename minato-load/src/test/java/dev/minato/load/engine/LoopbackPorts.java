package dev.minato.load.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Ports on 127.0.0.1 for the real servers the tests start (nginx, nghttpd). */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /** A port nothing listens on right now. */
  static int free() throws IOException {
    return free(1)[0];
  }

  /**
   * {@code count} different ports nothing listens on right now. Held open together while chosen:
   * ports asked for one after the other may repeat (the kernel picks each at random), and a server
   * given one port twice would serve both of its roles on it.
   */
  static int[] free(int count) throws IOException {
    ServerSocket[] probes = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        probes[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = probes[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket probe : probes) {
        if (probe != null) {
          probe.close();
        }
      }
    }
  }

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
