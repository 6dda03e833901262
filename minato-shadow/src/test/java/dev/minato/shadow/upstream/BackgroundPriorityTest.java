package dev.minato.shadow.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {

  @Test
  void aThreadMovesItselfToTheIdleClassAndNoOtherThreadWithIt() throws Exception {
    assumeTrue(SchedulingClass.available(), "Linux with chrt");
    AtomicReference<Boolean> lowered = new AtomicReference<>();
    AtomicInteger policy = new AtomicInteger(-1);
    Thread background =
        new Thread(
            () -> {
              lowered.set(BackgroundPriority.lowerCurrentThread());
              policy.set(SchedulingClass.ofCurrentThread());
            });
    background.start();
    background.join();

    assertThat(lowered.get()).isTrue();
    assertThat(policy.get()).isEqualTo(SchedulingClass.IDLE);
    assertThat(SchedulingClass.ofCurrentThread()).isEqualTo(SchedulingClass.NORMAL);
  }

  @Test
  void backgroundLoopsRunInTheIdleClassAndOrdinaryLoopsDoNot() {
    assumeTrue(SchedulingClass.available(), "Linux with chrt");
    try (IoThreads clients = IoThreads.start(1);
        IoThreads background = IoThreads.startBackground(2)) {
      int clientPolicy =
          clients
              .group()
              .next()
              .submit(SchedulingClass::ofCurrentThread)
              .syncUninterruptibly()
              .getNow();
      for (var loop : background.group()) {
        assertThat(loop.submit(SchedulingClass::ofCurrentThread).syncUninterruptibly().getNow())
            .isEqualTo(SchedulingClass.IDLE);
      }
      assertThat(clientPolicy).isEqualTo(SchedulingClass.NORMAL);
    }
  }
}
