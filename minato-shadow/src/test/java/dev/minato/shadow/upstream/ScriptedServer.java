package dev.minato.shadow.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP/1.1 server on 127.0.0.1 whose every answer is written byte by byte by the test, so
 * framing, header case, resets and stalls are exactly what the test says. Requests are recorded.
 */
public final class ScriptedServer implements AutoCloseable {

  /**
   * A request as the server read it; {@code onConnection} counts the requests its connection
   * carried before it (0 for a connection's first).
   */
  public record Seen(
      String method, String target, Map<String, String> headers, String body, int onConnection) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes the answer to a request; returns false to close the connection after it. */
  public interface Script {
    boolean answer(Seen request, OutputStream out) throws IOException;
  }

  private final ServerSocket socket;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  public ScriptedServer(Script script) throws IOException {
    this(script, 0);
  }

  /**
   * A server that also closes a kept-alive connection idle for {@code idleMillis} (0: never), as
   * web servers do at their keep-alive timeout.
   */
  public ScriptedServer(Script script, int idleMillis) throws IOException {
    // A deep backlog: tests open hundreds of connections at once, and a full backlog drops SYNs
    // that the kernel retries only after a second, longer than some tests' connect timeouts.
    socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  Socket connection = socket.accept();
                  connections.add(connection);
                  Thread serving = new Thread(() -> serve(connection, script, idleMillis));
                  serving.setDaemon(true);
                  serving.start();
                }
              } catch (IOException closed) {
                // the test is over
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers {@code body} with a fixed set of headers and Content-Length. */
  public static ScriptedServer fixed(String body) throws IOException {
    return new ScriptedServer((request, out) -> writeFixed(out, 200, body));
  }

  public static boolean writeFixed(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + " OK\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
    return true;
  }

  /**
   * Answers a connection's first request and closes the connection when the next one arrives on it,
   * without an answer: a server whose keep-alive timeout fires just as a request crosses it.
   */
  public static Script closingKeptAliveConnections(String body) {
    return (request, out) -> request.onConnection() == 0 && writeFixed(out, 200, body);
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public List<Seen> seen() {
    return seen;
  }

  private void serve(Socket connection, Script script, int idleMillis) {
    try (connection) {
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      for (int before = 0; ; before++) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          headers.put(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        Seen request = new Seen(requestLine[0], requestLine[1], headers, body, before);
        seen.add(request);
        if (!script.answer(request, out)) {
          return;
        }
        connection.setSoTimeout(idleMillis); // idle from now until the next request
      }
    } catch (IOException | RuntimeException ended) {
      // the connection or the test ended
    }
  }

  /** Reads a message head through its blank line; null when the stream ends first. */
  public static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }
}
