package dev.minato.shadow.proxy;

import dev.minato.shadow.upstream.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 client that sends requests as written and returns each response's exact
 * bytes (framed by Content-Length or chunked encoding), so tests can compare them byte for byte.
 */
final class RawClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;

  RawClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    // A proxy that loses a response must fail the test, not hang it.
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
  }

  static String get(String target, String host) {
    return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: */*\r\n\r\n";
  }

  /** Sends {@code request} and reads one whole response. */
  byte[] exchange(String request) throws IOException {
    send(request);
    return readResponse();
  }

  void send(String request) throws IOException {
    socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** Reads the response head (through the blank line). */
  String readHead() throws IOException {
    String head = ScriptedServer.readHead(in);
    if (head == null) {
      throw new IOException("the connection closed before a response");
    }
    return head;
  }

  /** Reads one chunk of a chunked body: its size line, data and CRLF; returns the data. */
  String readChunk() throws IOException {
    String size = readLine();
    int length = Integer.parseInt(size.trim(), 16);
    byte[] data = in.readNBytes(length);
    readLine();
    return new String(data, StandardCharsets.UTF_8);
  }

  byte[] readResponse() throws IOException {
    String head = readHead();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    String lower = head.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("content-length:");
    if (at >= 0) {
      int endOfLine = lower.indexOf("\r\n", at);
      int length = Integer.parseInt(head.substring(at + 15, endOfLine).trim());
      all.writeBytes(in.readNBytes(length));
    } else if (lower.contains("transfer-encoding: chunked")) {
      while (true) {
        String size = readLine();
        all.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
        int length = Integer.parseInt(size.trim(), 16);
        all.writeBytes(in.readNBytes(length));
        all.writeBytes((readLine() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        if (length == 0) {
          break;
        }
      }
    }
    return all.toByteArray();
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed mid-line");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
      }
      line.write(b);
      previous = b;
    }
  }

  /** True when the server closed the connection (a read returns end of stream). */
  boolean closedByPeer() throws IOException {
    return in.read() < 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
