package dev.minato.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineInputTest {

  @Test
  void splitsAtNewlinesAndDropsACarriageReturnBeforeThem() throws IOException {
    assertThat(lines("a\nb\r\n\nlast")).containsExactly("a", "b", "", "last");
  }

  @Test
  void aFinalNewlineMakesNoEmptyLastLine() throws IOException {
    assertThat(lines("a\nb\n")).containsExactly("a", "b");
  }

  @Test
  void bytesThatAreNotUtf8AreReplacedNotFatal() throws IOException {
    byte[] bytes = {'o', 'k', ' ', (byte) 0xC3, (byte) 0xA9, '\n', 'x', (byte) 0xFF, '\n'};
    assertThat(lines(bytes)).containsExactly("ok é", "x\uFFFD");
  }

  @Test
  void aLineLongerThanTheBufferIsReadWhole() throws IOException {
    String longLine = "x".repeat(200_000);
    assertThat(lines(longLine + "\nshort\n")).containsExactly(longLine, "short");
  }

  private static List<String> lines(String text) throws IOException {
    return lines(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> lines(byte[] bytes) throws IOException {
    LineInput in = new LineInput(new ByteArrayInputStream(bytes));
    List<String> lines = new ArrayList<>();
    for (String line = in.next(); line != null; line = in.next()) {
      lines.add(line);
    }
    return lines;
  }
}
