package dev.minato.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void onATerminalTheLineIsRewrittenInPlaceAndClearedAtTheEnd() throws Exception {
    StringWriter text = new StringWriter();
    AtomicInteger calls = new AtomicInteger();
    Progress progress =
        new Progress(() -> "sent " + calls.incrementAndGet(), new PrintWriter(text), true);

    progress.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (calls.get() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    progress.stop();

    assertThat(text.toString()).startsWith("\rsent 1\u001b[K").endsWith("\r\u001b[K");
  }

  @Test
  void pipedNothingIsPrinted() throws Exception {
    StringWriter text = new StringWriter();
    Progress progress = new Progress(() -> "sent", new PrintWriter(text), false);

    progress.start();
    Thread.sleep(1_200);
    progress.stop();

    assertThat(text.toString()).isEmpty();
  }
}
