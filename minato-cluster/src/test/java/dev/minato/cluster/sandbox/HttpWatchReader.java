package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A watch read over plain HTTP/1.1 from a socket, as kubectl reads one: the head, then a chunked
 * body of one JSON event per line. Reading it byte by byte shows exactly what the server sent
 * (status, headers, chunks); every read waits at most {@link #LIMIT}, and a failure names the
 * events seen so far.
 */
final class HttpWatchReader implements AutoCloseable {

  static final Duration LIMIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  final int status;
  final Map<String, String> headers;
  private final Socket socket;
  private final InputStream in;
  private final Deque<String> lines = new ArrayDeque<>();
  private final List<String> seen = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private boolean ended;

  private HttpWatchReader(Socket socket, int status, Map<String, String> headers)
      throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.status = status;
    this.headers = headers;
  }

  /** Sends {@code GET target} to the emulator on {@code port} and reads the head. */
  static HttpWatchReader open(int port, String target) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout((int) LIMIT.toMillis());
    String request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    String statusLine = readLine(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new HashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return new HttpWatchReader(socket, status, headers);
  }

  /** The whole body of a response that is not chunked (an error answer). */
  String body() throws IOException {
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** The next {@code count} events, each as {@link #summary}. */
  List<String> next(int count) throws IOException {
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String line = nextLine();
      if (line == null) {
        throw new AssertionError(
            "event "
                + (i + 1)
                + " of "
                + count
                + " not sent: the watch ended; received "
                + taken
                + " after "
                + seen);
      }
      taken.add(summary(JSON.readTree(line)));
    }
    seen.addAll(taken);
    return taken;
  }

  /** Reads until the server ends the body; the events still sent on the way there. */
  List<String> rest() throws IOException {
    List<String> taken = new ArrayList<>();
    for (String line = nextLine(); line != null; line = nextLine()) {
      taken.add(summary(JSON.readTree(line)));
    }
    seen.addAll(taken);
    return taken;
  }

  /**
   * "TYPE name value" for an object event, "ERROR code reason" for an error, "BOOKMARK kind
   * apiVersion resourceVersion" for a bookmark.
   */
  static String summary(JsonNode event) {
    String type = event.path("type").asText();
    JsonNode object = event.path("object");
    if (type.equals("ERROR")) {
      return type + " " + object.path("code").asInt() + " " + object.path("reason").asText();
    }
    if (type.equals("BOOKMARK")) {
      return String.join(
          " ",
          type,
          object.path("kind").asText(),
          object.path("apiVersion").asText(),
          object.path("metadata").path("resourceVersion").asText());
    }
    String value = object.path("data").path("v").asText("");
    return type
        + " "
        + object.path("metadata").path("name").asText()
        + (value.isEmpty() ? "" : " " + value);
  }

  /** The next line of the body, or null once the body ended. */
  private String nextLine() throws IOException {
    while (lines.isEmpty() && !ended) {
      readChunk();
    }
    return lines.pollFirst();
  }

  private void readChunk() throws IOException {
    try {
      int size = Integer.parseInt(readLine(in).trim(), 16);
      if (size == 0) {
        readLine(in);
        ended = true;
        return;
      }
      byte[] chunk = in.readNBytes(size);
      readLine(in);
      partial.append(new String(chunk, StandardCharsets.UTF_8));
    } catch (SocketTimeoutException e) {
      throw new AssertionError("nothing sent for " + LIMIT + "; received " + seen, e);
    }
    for (int newline = partial.indexOf("\n"); newline >= 0; newline = partial.indexOf("\n")) {
      lines.addLast(partial.substring(0, newline));
      partial.delete(0, newline + 1);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed in the middle of a line");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
