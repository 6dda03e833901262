package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

  private final List<String> responses = new ArrayList<>();
  private final ResponseParser parser =
      new ResponseParser(
          (status, keepAlive) -> responses.add(status + (keepAlive ? " keep" : " close")));

  private void feed(String... parts) {
    for (String part : parts) {
      parser.feed(Unpooled.copiedBuffer(part, StandardCharsets.ISO_8859_1));
    }
  }

  private void feedByteByByte(String input) {
    for (int i = 0; i < input.length(); i++) {
      feed(String.valueOf(input.charAt(i)));
    }
  }

  @Test
  void readsResponsesSplitAnywhereAcrossReads() {
    String two =
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello"
            + "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n";
    feedByteByByte(two);

    assertThat(responses).containsExactly("200 keep", "404 keep");
  }

  @Test
  void readsFramingHeadersAtAnyOffsetInAnyCaseAndIgnoresLookalikeNames() {
    // Line ends are searched eight bytes at a time: every alignment of every CR must be found.
    for (int pad = 0; pad < 17; pad++) {
      feed(
          "HTTP/1.1 200 OK\r\nX-Pad: "
              + "p".repeat(pad)
              + "\r\nContent-Lengths: 99\r\nConnectionless: close\r\nCONTENT-LENGTH: 3\r\n"
              + "cOnNeCtIoN: close\r\nTransfer-Encodings: chunked\r\n\r\nabc");
    }

    assertThat(responses).hasSize(17).containsOnly("200 close");
  }

  @Test
  void skipsChunkedBodiesWithTrailers() {
    feed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n",
        "a\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n");

    assertThat(responses).containsExactly("200 keep");
  }

  @Test
  void readsChunkedBodiesSplitAnywhereAcrossReads() {
    String chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nT: t\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\n\r\n";
    feedByteByByte(chunked);

    assertThat(responses).containsExactly("200 keep", "204 keep");
  }

  @Test
  void readsAHeadLargerThanItsFirstCopy() {
    String cookie = "Set-Cookie: " + "c".repeat(5000) + "\r\n";
    feed("HTTP/1.1 200 OK\r\n" + cookie + "Content-Length: 3\r\n\r\nabc", "HTTP/1.1 20");
    feed("2 Accepted\r\nContent-Length: 0\r\n\r\n");

    assertThat(responses).containsExactly("200 keep", "202 keep");
  }

  @Test
  void rejectsAHeadThatNeverEnds() {
    feed("HTTP/1.1 200 OK\r\n");
    String header = "X: " + "x".repeat(1000) + "\r\n";

    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 70; i++) {
                feed(header);
              }
            })
        .isInstanceOf(ResponseParser.MalformedResponse.class)
        .hasMessageContaining("longer than 65536 bytes");
  }

  @Test
  void honoursConnectionCloseAndHttp10() {
    feed("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    feed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
    feed("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");

    assertThat(responses).containsExactly("200 close", "200 close", "200 keep");
  }

  @Test
  void skipsInterimResponses() {
    feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");

    assertThat(responses).containsExactly("201 keep");
  }

  @Test
  void knowsAHeadResponseHasNoBody() {
    parser.expectNoBody(true);
    feed("HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n");

    assertThat(responses).containsExactly("200 keep");
  }

  @Test
  void completesABodyThatRunsUntilClose() {
    feed("HTTP/1.1 200 OK\r\n\r\nsome bytes");
    assertThat(responses).isEmpty();

    assertThat(parser.closed()).isTrue();
    assertThat(responses).containsExactly("200 close");
  }

  @Test
  void rejectsWhatIsNotHttp() {
    assertThatThrownBy(() -> feed("SSH-2.0-OpenSSH_9.2\r\n\r\n"))
        .isInstanceOf(ResponseParser.MalformedResponse.class);
  }

  @Test
  void aRepeatedHeadIsFramedAsBeforeAndAHeadThatDiffersIsParsedAgain() {
    String head = "HTTP/1.1 200 OK\r\nDate: one\r\nContent-Length: 5\r\n\r\n";
    String longer = "HTTP/1.1 200 OK\r\nDate: two\r\nContent-Length: 9\r\n\r\n";
    String closing = "HTTP/1.1 503 No\r\nDate: two\r\nConnection: close\r\n\r\n";

    // The same head three times in one read, then a head of the same length that says otherwise:
    // were it taken for the last, four of its nine body bytes would be read as the next head.
    feed(head + "hello" + head + "hello" + head + "hello" + longer + "012345678" + closing);

    assertThat(responses).containsExactly("200 keep", "200 keep", "200 keep", "200 keep");
    // No length, so the body runs until the connection closes.
    assertThat(parser.closed()).isTrue();
    assertThat(responses).endsWith("503 close");
  }

  @Test
  void aRepeatedHeadAnsweringHeadHasNoBody() {
    String head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
    feed(head + "hello");
    parser.expectNoBody(true);

    feed(head + head);

    assertThat(responses).containsExactly("200 keep", "200 keep", "200 keep");
  }

  @Test
  void aHeadSplitAcrossReadsIsNotTakenForTheLastOne() {
    String head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
    feed(head + "ok");

    feed(head.substring(0, 10), head.substring(10) + "ok", head + "o", "k");

    assertThat(responses).containsExactly("200 keep", "200 keep", "200 keep");
  }
}
