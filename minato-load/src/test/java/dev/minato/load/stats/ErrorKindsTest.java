package dev.minato.load.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ErrorKindsTest {

  private static ErrorKinds of(String kind, long count, String... examples) {
    TreeMap<String, ErrorKinds.Entry> kinds = new TreeMap<>();
    kinds.put(kind, new ErrorKinds.Entry(count, List.of(examples)));
    return new ErrorKinds(kinds);
  }

  @Test
  void countsAddAndTheExamplesKeptAreTheSmallestThreeWhateverTheOrder() {
    ErrorKinds a = of("reset", 5, "e", "b");
    ErrorKinds b = of("reset", 7, "d", "a", "f");
    ErrorKinds c = of("timeout", 1, "t");

    ErrorKinds one = a.plus(b).plus(c);
    ErrorKinds other = c.plus(b.plus(a));

    assertThat(one).isEqualTo(other);
    assertThat(one.kinds().get("reset").count()).isEqualTo(12);
    assertThat(one.kinds().get("reset").examples()).containsExactly("a", "b", "d");
    assertThat(one.total()).isEqualTo(13);
  }

  @Test
  void anExampleIsOneLineOfBoundedLength() {
    ErrorKinds kinds = of("protocol", 1, "line one\n  line two " + "x".repeat(500));

    String example = kinds.kinds().get("protocol").examples().get(0);
    assertThat(example).startsWith("line one line two xxx").endsWith("...");
    assertThat(example).hasSize(ErrorKinds.MAX_EXAMPLE_LENGTH);
  }

  @Test
  void listsTheMostFrequentKindFirst() {
    ErrorKinds kinds = of("reset", 2).plus(of("http-503", 9)).plus(of("closed", 2));

    assertThat(kinds.byCount())
        .extracting(e -> e.getKey())
        .containsExactly("http-503", "closed", "reset");
  }

  @Test
  void aKindReadsBackAsTheShardLogWritesIt() {
    ErrorKinds kinds = of("http-503", 188, "checkout: HTTP 503", "say \"why\" ]");
    String line = ErrorKinds.format("http-503", kinds.kinds().get("http-503"));

    assertThat(line).isEqualTo("http-503 188 [\"checkout: HTTP 503\",\"say \\\"why\\\" ]\"]");
    assertThat(ErrorKinds.parse(line)).contains(kinds);
    assertThat(ErrorKinds.parse("http-503 many []")).isEmpty();
    assertThat(ErrorKinds.parse("Bad Kind 1 []")).isEmpty();
  }

  @Test
  void theCounterKeepsOneExamplePerRequestAndCode() {
    ErrorCounter counter = new ErrorCounter();
    for (int i = 0; i < 1000; i++) {
      counter.status(503, i % 2, i % 2 == 0 ? "checkout" : "browse");
    }
    counter.failure(FailureKind.RESET, "checkout: Connection reset by peer");

    ErrorKinds kinds = counter.snapshot();

    assertThat(kinds.kinds().get("http-503"))
        .isEqualTo(new ErrorKinds.Entry(1000, List.of("browse: HTTP 503", "checkout: HTTP 503")));
    assertThat(kinds.kinds().get("reset").count()).isEqualTo(1);
  }
}
