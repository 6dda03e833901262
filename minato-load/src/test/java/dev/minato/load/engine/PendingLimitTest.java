package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.scenario.Stage;
import dev.minato.load.syntax.Rate;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate a run can hold in bounded memory, derived from its heap and its timeout. */
class PendingLimitTest {

  private static final long HEAP = 512L * 1024 * 1024;
  private static final URI TARGET = URI.create("http://127.0.0.1:8080/");

  private static Scenario open(double rate) {
    return Scenario.ofUrl(TARGET, ArrivalModel.Open.constant(new Rate(rate)))
        .withDuration(Duration.ofSeconds(10))
        .withTimeout(Duration.ofSeconds(2));
  }

  private final PendingLimit limit = PendingLimit.of(Duration.ofSeconds(2), HEAP);

  @Test
  void aQuarterOfTheHeapHoldsTheWaitingRequests() {
    assertThat(limit.requests()).isEqualTo(HEAP / 4 / PendingLimit.BYTES_PER_REQUEST);
  }

  @Test
  void theLargestRateIsWhatCanWaitDividedByHowLongEachWaits() {
    // 2 s timeout + 60 ms sweep slack.
    assertThat(limit.maxRate()).isEqualTo(limit.requests() / 2.06);
  }

  @Test
  void aShorterTimeoutHoldsAHigherRate() {
    assertThat(PendingLimit.of(Duration.ofMillis(200), HEAP).maxRate())
        .isGreaterThan(limit.maxRate() * 5);
  }

  @Test
  void refusesAnAbsurdRateNamingTheLargestThatFits() {
    assertThat(limit.refusal(open(1e9), Shard.WHOLE))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith("rate 1000000000/s cannot be held: at most 1357379/s fits this")
                    .contains("2796202 requests may wait")
                    .contains("512 MiB heap")
                    .contains("2000 ms timeout"));
  }

  @Test
  void acceptsTheLargestRateThatFits() {
    assertThat(limit.refusal(open(Math.floor(limit.maxRate())), Shard.WHOLE)).isEmpty();
  }

  @Test
  void aShardNeedsToHoldOnlyItsShare() {
    Scenario scenario = open(limit.maxRate() * 3);

    assertThat(limit.refusal(scenario, Shard.WHOLE)).isPresent();
    assertThat(limit.refusal(scenario, new Shard(0, 4))).isEmpty();
  }

  @Test
  void aRampIsJudgedByItsPeakRate() {
    Scenario ramp =
        Scenario.ofUrl(
                TARGET,
                new ArrivalModel.Open(
                    new Rate(10),
                    List.of(new Stage(Duration.ofSeconds(5), new Rate(limit.maxRate() * 2)))))
            .withTimeout(Duration.ofSeconds(2));

    assertThat(limit.refusal(ramp, Shard.WHOLE)).isPresent();
  }

  @Test
  void theClosedModelAlwaysFits() {
    Scenario closed = Scenario.ofUrl(TARGET, new ArrivalModel.Closed(100_000)).withMaxRequests(10);

    assertThat(limit.refusal(closed, Shard.WHOLE)).isEmpty();
  }
}
