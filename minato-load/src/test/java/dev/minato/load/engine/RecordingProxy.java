package dev.minato.load.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 in front of a cleartext server that keeps every byte the server sent on
 * each connection, so that a test can read the server's own frames (its HPACK header blocks) after
 * a run. Bytes are passed on unchanged in both directions.
 */
final class RecordingProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int serverPort;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<ByteArrayOutputStream> recordings = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  RecordingProxy(int serverPort) throws IOException {
    this.serverPort = serverPort;
    this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** What the server sent, one array per connection in the order they were accepted. */
  List<byte[]> recordings() {
    synchronized (recordings) {
      return recordings.stream().map(this::bytes).toList();
    }
  }

  private byte[] bytes(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toByteArray();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        ByteArrayOutputStream recording = new ByteArrayOutputStream();
        synchronized (recordings) {
          recordings.add(recording);
          sockets.add(client);
          sockets.add(server);
        }
        threads.execute(() -> pump(client, server, null));
        threads.execute(() -> pump(server, client, recording));
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Copies {@code from} to {@code to} until {@code from} ends, keeping a copy in {@code copy}. */
  private static void pump(Socket from, Socket to, ByteArrayOutputStream copy) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (copy != null) {
          synchronized (copy) {
            copy.write(buffer, 0, n);
          }
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException ended) {
      // One side closed or reset: the other side learns it below.
    } finally {
      try {
        to.shutdownOutput();
      } catch (IOException alreadyClosed) {
        // Nothing left to tell that side.
      }
    }
  }

  @Override
  public void close() throws Exception {
    listener.close();
    synchronized (recordings) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
  }
}
