package dev.minato.load.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP/1.1 server on 127.0.0.1 that fails in known ways, chosen by the request's path: {@code
 * /status/503} answers 503, {@code /reset} resets the connection (RST), {@code /close} closes it
 * without answering, {@code /garbage} answers with something that is not HTTP, {@code /stall} never
 * answers; anything else gets 200. Raw sockets, because a real HTTP server would not misbehave.
 */
final class FaultyServer implements AutoCloseable {

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  FaultyServer() throws IOException {
    socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  String base() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        String path = requestPath(in);
        if (path == null) {
          return;
        }
        switch (path) {
          case "/reset" -> {
            client.setSoLinger(true, 0);
            return;
          }
          case "/close" -> {
            return;
          }
          case "/garbage" -> {
            out.write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
          case "/stall" -> {
            // Holds the connection until the client gives up on it (or the server closes).
            while (in.read() >= 0) {
              // discard
            }
            return;
          }
          default -> {
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
            out.write(
                ("HTTP/1.1 " + status + " X\r\nContent-Length: 3\r\n\r\nok\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to serve.
    }
  }

  /** Reads one request head (GETs only: no body) and returns its path, or null at the end. */
  private static String requestPath(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      state = (b == '\r' || b == '\n') ? state + 1 : 0;
      if (state == 4) {
        String first = head.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0];
        return first.split(" ")[1];
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
    threads.shutdownNow();
  }
}
