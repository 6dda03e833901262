package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunStartTest {

  private static final long NOW_MILLIS = 1_795_354_015_000L;
  private static final long NOW_NANOS = 77_000_000_000L;
  private static final long WARMUP = TimeUnit.SECONDS.toNanos(3);

  @Test
  void withoutAStartTimeTheWarmupBeginsNowAndTheMeasuredRunAfterIt() {
    RunStart at = RunStart.of(Optional.empty(), WARMUP, NOW_MILLIS, NOW_NANOS);

    assertThat(at.warmupNanos()).isEqualTo(NOW_NANOS);
    assertThat(at.measuredNanos()).isEqualTo(NOW_NANOS + WARMUP);
    assertThat(at.measuredMillis()).isEqualTo(NOW_MILLIS + 3_000);
    assertThat(at.lateMillis()).isZero();
    assertThat(at.hasWarmup()).isTrue();
  }

  @Test
  void withoutAWarmupBothPhasesBeginTogether() {
    RunStart at = RunStart.of(Optional.empty(), 0, NOW_MILLIS, NOW_NANOS);

    assertThat(at.measuredNanos()).isEqualTo(at.warmupNanos()).isEqualTo(NOW_NANOS);
    assertThat(at.hasWarmup()).isFalse();
  }

  @Test
  void aRunWithRoomToWarmUpBeforeItsStartTimeMeasuresFromThatInstant() {
    Instant startAt = Instant.ofEpochMilli(NOW_MILLIS + 5_000);

    RunStart at = RunStart.of(Optional.of(startAt), WARMUP, NOW_MILLIS, NOW_NANOS);

    assertThat(at.measuredMillis()).isEqualTo(startAt.toEpochMilli());
    assertThat(at.measuredNanos()).isEqualTo(NOW_NANOS + TimeUnit.SECONDS.toNanos(5));
    assertThat(at.warmupNanos()).isEqualTo(NOW_NANOS + TimeUnit.SECONDS.toNanos(2));
    assertThat(at.lateMillis()).isZero();
  }

  @Test
  void aRunWithoutRoomForItsWarmupWarmsUpInFullAndSaysHowLateItMeasures() {
    Instant startAt = Instant.ofEpochMilli(NOW_MILLIS + 1_000);

    RunStart at = RunStart.of(Optional.of(startAt), WARMUP, NOW_MILLIS, NOW_NANOS);

    assertThat(at.warmupNanos()).isEqualTo(NOW_NANOS);
    assertThat(at.measuredMillis()).isEqualTo(NOW_MILLIS + 3_000);
    assertThat(at.lateMillis()).isEqualTo(2_000);
  }

  @Test
  void aRunSetUpAfterItsStartTimeWithoutAWarmupBeginsAtOnce() {
    Instant startAt = Instant.ofEpochMilli(NOW_MILLIS - 250);

    RunStart at = RunStart.of(Optional.of(startAt), 0, NOW_MILLIS, NOW_NANOS);

    assertThat(at.measuredNanos()).isEqualTo(NOW_NANOS);
    assertThat(at.measuredMillis()).isEqualTo(NOW_MILLIS);
    assertThat(at.lateMillis()).isEqualTo(250);
  }
}
