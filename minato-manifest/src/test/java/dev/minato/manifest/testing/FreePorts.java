package dev.minato.manifest.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports on 127.0.0.1 that nothing listens on, for the real servers tests start (nginx, haproxy,
 * nghttpd). Shared by every module's tests that need more than one.
 */
public final class FreePorts {

  private FreePorts() {}

  /**
   * {@code count} different ports nothing listens on right now. Held open together while chosen:
   * ports asked for one after the other may repeat (the kernel picks each at random), and a server
   * given one port twice would serve two of its roles on it.
   */
  public static int[] loopback(int count) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    ServerSocket[] probes = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        probes[i] = new ServerSocket(0, 1, loopback);
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
}
