package dev.minato.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.logs.write.ByteSink;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventOutputTest {

  private static final String LINES =
      "{\"a\":\"caf\u00e9 \u65e5 \ud83d\ude00 ?\"}\n".repeat(3_000) + "{\"b\":\"\\u2028\"}\n";

  @Test
  void bytesAndTextGetTheSameLinesInOrder() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringWriter unused = new StringWriter();
    StringWriter text = new StringWriter();
    try (EventOutput toBytes = EventOutput.to(unused, Optional.of(bytes));
        EventOutput toText = EventOutput.to(text, Optional.empty())) {
      for (String line : LINES.split("(?<=\\n)")) {
        ByteSink sink = new ByteSink(16);
        sink.write(line.getBytes(StandardCharsets.UTF_8));
        toBytes.write(null, sink);
        toText.write(null, sink);
      }
    }
    assertThat(bytes.toByteArray()).isEqualTo(LINES.getBytes(StandardCharsets.UTF_8));
    assertThat(text.toString()).isEqualTo(LINES);
    assertThat(unused.toString()).isEmpty();
  }
}
