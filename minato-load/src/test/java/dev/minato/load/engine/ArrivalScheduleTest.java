package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.load.scenario.Stage;
import dev.minato.load.syntax.Rate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

  @Test
  void constantRateSpacesRequestsEvenly() {
    ArrivalSchedule schedule = new ArrivalSchedule(new Rate(500), List.of());

    assertThat(schedule.offsetNanos(0)).isZero();
    assertThat(schedule.offsetNanos(1)).isEqualTo(2_000_000);
    assertThat(schedule.offsetNanos(1000)).isEqualTo(2_000_000_000L);
  }

  @Test
  void rampSendsTheAreaUnderTheRateCurve() {
    // 0 -> 100/s over 10 s: 500 requests in the ramp, then 100/s.
    ArrivalSchedule schedule =
        new ArrivalSchedule(new Rate(0), List.of(new Stage(Duration.ofSeconds(10), new Rate(100))));

    assertThat(schedule.offsetNanos(500)).isEqualTo(10_000_000_000L);
    // Half the requests of the ramp go out in its last 30 % (t = sqrt(2·250/10) ≈ 7.07 s).
    assertThat(schedule.offsetNanos(250)).isBetween(7_070_000_000L, 7_072_000_000L);
    assertThat(schedule.offsetNanos(600)).isEqualTo(11_000_000_000L);
  }

  @Test
  void endsWhenTheRateFallsToZero() {
    ArrivalSchedule schedule =
        new ArrivalSchedule(new Rate(100), List.of(new Stage(Duration.ofSeconds(2), new Rate(0))));

    assertThat(schedule.offsetNanos(99)).isLessThan(2_000_000_000L);
    assertThat(schedule.offsetNanos(100)).isEqualTo(Long.MAX_VALUE);
  }
}
