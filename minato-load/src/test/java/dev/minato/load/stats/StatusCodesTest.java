package dev.minato.load.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatusCodesTest {

  private static StatusCodes codes(Map<Integer, Long> counts) {
    return new StatusCodes(new TreeMap<>(counts));
  }

  @Test
  void plusAddsTheCountsOfEachCode() {
    StatusCodes sum = codes(Map.of(200, 5L, 503, 1L)).plus(codes(Map.of(503, 2L, 404, 7L)));

    assertThat(sum.counts()).containsExactly(entry(200, 5L), entry(404, 7L), entry(503, 3L));
    assertThat(sum.total()).isEqualTo(15);
  }

  @Test
  void formatAndParseRoundTripInCodeOrder() {
    StatusCodes codes = codes(Map.of(503, 188L, 200, 9812L));

    assertThat(codes.format()).isEqualTo("200=9812 503=188");
    assertThat(StatusCodes.parse(codes.format())).contains(codes);
    assertThat(StatusCodes.parse("")).contains(StatusCodes.NONE);
  }

  @Test
  void parseRefusesWhatIsNotCodeCountPairs() {
    assertThat(StatusCodes.parse("200")).isEmpty();
    assertThat(StatusCodes.parse("200=x")).isEmpty();
    assertThat(StatusCodes.parse("=5")).isEmpty();
    assertThat(StatusCodes.parse("200=-1")).isEmpty();
    assertThat(StatusCodes.parse("200=1 200=2")).isEmpty();
  }

  @Test
  void errorsAreTheFourAndFiveHundredCodes() {
    StatusCodes codes = codes(Map.of(200, 1L, 302, 2L, 404, 3L, 503, 4L));

    assertThat(codes.errors()).containsExactly(entry(404, 3L), entry(503, 4L));
  }

  @Test
  void counterCountsEachExactCodeAndBoundsOddOnes() {
    StatusCounter counter = new StatusCounter();
    counter.record(200);
    counter.record(200);
    counter.record(503);
    counter.record(1234);

    assertThat(counter.snapshot().counts())
        .containsExactly(entry(200, 2L), entry(503, 1L), entry(999, 1L));
  }
}
