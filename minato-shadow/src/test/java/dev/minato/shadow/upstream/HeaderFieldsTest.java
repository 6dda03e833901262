package dev.minato.shadow.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.exchange.Header;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

  private static HttpHeaders received(String... namesAndValues) {
    HttpHeaders headers = new DefaultHttpHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      // As the decoder gives them: names as AsciiString, values as strings.
      headers.add(AsciiString.of(namesAndValues[i]), namesAndValues[i + 1]);
    }
    return headers;
  }

  @Test
  void fieldsEqualToTheLikelyOnesAtTheSamePlaceAreThoseFieldsAndTheRestAreCopied() {
    List<Header> primary =
        List.of(
            new Header("Server", "nginx"),
            new Header("Date", "Tue, 01 Dec 2026 14:00:00 GMT"),
            new Header("Content-Type", "application/json"));
    HttpHeaders copy =
        received(
            "Server", "nginx",
            "Date", "Tue, 01 Dec 2026 14:00:01 GMT",
            "Content-Type", "application/json",
            "X-Extra", "1");

    List<Header> fields = HeaderFields.of(copy, primary);

    assertThat(fields).isEqualTo(HeaderFields.of(copy));
    assertThat(fields.get(0)).isSameAs(primary.get(0));
    assertThat(fields.get(1)).isNotSameAs(primary.get(1));
    assertThat(fields.get(1).value()).isEqualTo("Tue, 01 Dec 2026 14:00:01 GMT");
    assertThat(fields.get(2)).isSameAs(primary.get(2));
    assertThat(fields.get(3)).isEqualTo(new Header("X-Extra", "1"));
  }

  @Test
  void aNameThatDiffersOnlyInCaseIsKeptAsReceived() {
    List<Header> fields =
        HeaderFields.of(
            received("content-type", "a/b"), List.of(new Header("Content-Type", "a/b")));

    assertThat(fields).containsExactly(new Header("content-type", "a/b"));
  }

  @Test
  void fieldsInAnotherOrderAreCopiedNotMatchedElsewhere() {
    List<Header> primary = List.of(new Header("A", "1"), new Header("B", "2"));

    List<Header> fields = HeaderFields.of(received("B", "2", "A", "1"), primary);

    assertThat(fields).containsExactly(new Header("B", "2"), new Header("A", "1"));
  }
}
