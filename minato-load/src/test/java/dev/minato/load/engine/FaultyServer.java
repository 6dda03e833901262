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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on 127.0.0.1 that fails in known ways, chosen by the request's path: {@code
 * /status/503} answers 503, {@code /reset} resets the connection (RST), {@code /close} closes it
 * without answering, {@code /garbage} answers with something that is not HTTP, {@code /stall} never
 * answers; {@code /chunked} answers in chunks, {@code /last} answers with {@code Connection: close}
 * and closes, {@code /until-close} sends a body without a length and closes, {@code /half} closes
 * in the middle of a body, {@code /early} answers as soon as it has a request's head and only then
 * reads its body, slowly; anything else gets 200 (to HEAD: the same head, no body). Request bodies
 * (Content-Length) are read. Raw sockets, because a real HTTP server would not misbehave.
 */
final class FaultyServer implements AutoCloseable {

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger handled = new AtomicInteger();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  private record Request(String method, String path, int contentLength) {}

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

  /**
   * A port on 127.0.0.1 that nothing listens on (it was free a moment ago): connects are refused.
   */
  static int closedPort() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return free.getLocalPort();
    }
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** Requests whose head was read whole so far. */
  int handled() {
    return handled.get();
  }

  /** The request bodies read so far, in the order their requests arrived. */
  List<String> bodies() {
    return bodies;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        accepted.incrementAndGet();
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
        Request request = request(in);
        if (request == null) {
          return;
        }
        handled.incrementAndGet();
        String path = request.path();
        if (!path.equals("/early") && request.contentLength() > 0) {
          bodies.add(body(in, request.contentLength(), false));
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
            out.write(ascii("NOT HTTP AT ALL\r\n\r\n"));
            out.flush();
          }
          case "/stall" -> {
            // Holds the connection until the client gives up on it (or the server closes).
            while (in.read() >= 0) {
              // discard
            }
            return;
          }
          case "/chunked" -> {
            out.write(ascii("HTTP/1.1 200 X\r\nTransfer-Encoding: chunked\r\n\r\n"));
            out.flush();
            out.write(ascii("2\r\nok\r\n1;ext=1\r\n\n\r\n0\r\nTrailer: t\r\n\r\n"));
            out.flush();
          }
          case "/last" -> {
            out.write(
                ascii("HTTP/1.1 200 X\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"));
            out.flush();
            return;
          }
          case "/until-close" -> {
            out.write(ascii("HTTP/1.1 200 X\r\n\r\n"));
            out.flush();
            out.write(ascii("a body that ends when the connection does\n"));
            out.flush();
            return;
          }
          case "/half" -> {
            out.write(ascii("HTTP/1.1 200 X\r\nContent-Length: 100\r\n\r\nonly ten.."));
            out.flush();
            return;
          }
          case "/early" -> {
            out.write(ascii("HTTP/1.1 200 X\r\nContent-Length: 3\r\n\r\nok\n"));
            out.flush();
            bodies.add(body(in, request.contentLength(), true));
          }
          default -> {
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
            String head = "HTTP/1.1 " + status + " X\r\nContent-Length: 3\r\n\r\n";
            out.write(ascii(request.method().equals("HEAD") ? head : head + "ok\n"));
            out.flush();
          }
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to serve.
    }
  }

  /** Reads one request head and returns what it asks for, or null at the end. */
  private static Request request(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      state = (b == '\r' || b == '\n') ? state + 1 : 0;
      if (state == 4) {
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        String[] first = lines[0].split(" ");
        int length = 0;
        for (String line : lines) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        return new Request(first[0], first[1], length);
      }
    }
    return null;
  }

  /** Reads a body of {@code length} bytes; {@code slowly}: a few KiB at a time, with pauses. */
  private static String body(InputStream in, int length, boolean slowly) throws IOException {
    byte[] body = new byte[length];
    int read = 0;
    while (read < length) {
      int n = in.read(body, read, slowly ? Math.min(64 * 1024, length - read) : length - read);
      if (n < 0) {
        throw new IOException("the client closed in the middle of a request body");
      }
      read += n;
      if (slowly) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    return new String(body, StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
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
