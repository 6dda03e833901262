package dev.minato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out of memory is the environment's limit: exit 3 with one line that says what to do, never a
 * stack trace, never exit 1 (which means "findings" for check).
 */
class OutOfMemoryTest {

  /** A command whose work runs on another thread and runs out of memory there. */
  public static final class OnAnotherThread {
    public static void main(String[] args) throws InterruptedException {
      OutOfMemory.exitFromAnyThread("load");
      Thread worker =
          new Thread(
              () -> {
                List<long[]> kept = new ArrayList<>();
                while (true) {
                  kept.add(new long[1 << 16]);
                }
              });
      worker.start();
      worker.join();
      // Without the handler the worker's error ends only the worker, and the command carries on.
      System.exit(0);
    }
  }

  @Test
  void checkOfAnInputTooLargeForTheHeapExitsThreeSayingHowToGiveItMore(@TempDir Path dir)
      throws Exception {
    Path input = dir.resolve("large.yaml");
    try (BufferedWriter out = Files.newBufferedWriter(input)) {
      for (int i = 0; i < 60_000; i++) {
        out.write("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + i);
        out.write(", namespace: n}\ndata: {k: v" + i + "}\n");
      }
    }

    CliRun run = ChildJvm.minato(List.of("-Xmx24m", "-XX:+UseSerialGC"), "check", input.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err().strip().lines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("minato: out of memory (the JVM may use ")
                    .contains("MINATO_JAVA_OPTS=-Xmx512m ./minato check"));
  }

  @Test
  void outOfMemoryOnAnotherThreadAlsoEndsTheCommandWithExitThree() throws Exception {
    CliRun run = ChildJvm.run(List.of("-Xmx24m"), OnAnotherThread.class.getName());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err().strip().lines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("MINATO_JAVA_OPTS=-Xmx512m ./minato load"));
  }

  @Test
  void anOutOfMemoryErrorWrappedByALibraryIsStillRecognised() {
    assertThat(OutOfMemory.causedBy(new RuntimeException(new OutOfMemoryError("x")))).isTrue();
    assertThat(OutOfMemory.causedBy(new RuntimeException("x"))).isFalse();
  }
}
