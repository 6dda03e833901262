package dev.minato.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerLinesTest {

  private static final String T1 = "2026-11-30T12:00:00.000000001Z";
  private static final String T2 = "2026-11-30T12:00:00.000000002Z";

  private static Map<String, String> fields(Optional<Reading> reading) {
    assertThat(reading).isPresent();
    return ((Reading.Parsed) reading.get()).event().fields();
  }

  @Test
  void criFullLineBecomesTimeStreamAndLog() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.CRI, Optional.empty());
    assertThat(fields(lines.accept(T1 + " stdout F hello world")))
        .containsExactly(
            Map.entry("time", T1), Map.entry("stream", "stdout"), Map.entry("log", "hello world"));
  }

  @Test
  void criPartialPiecesAreJoinedPerStreamWithTheFirstPiecesTime() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.CRI, Optional.empty());
    String big = "x".repeat(16 * 1024);
    assertThat(lines.accept(T1 + " stdout P " + big)).isEmpty();
    assertThat(fields(lines.accept(T1 + " stderr F oops"))).containsEntry("log", "oops");
    Map<String, String> joined = fields(lines.accept(T2 + " stdout F tail"));
    assertThat(joined).containsEntry("log", big + "tail").containsEntry("time", T1);
  }

  @Test
  void criTagFlagsAfterAColonAreIgnoredAndEmptyTextIsAnEmptyLine() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.CRI, Optional.empty());
    assertThat(fields(lines.accept(T1 + " stdout F:x a"))).containsEntry("log", "a");
    assertThat(fields(lines.accept(T1 + " stdout F"))).containsEntry("log", "");
  }

  @Test
  void joinedLinesAreReadByTheApplicationsFormat() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.CRI, Optional.of(new LtsvParser()));
    assertThat(lines.accept(T1 + " stdout P level:info\tmsg:pa")).isEmpty();
    assertThat(fields(lines.accept(T1 + " stdout F rt")))
        .containsExactly(
            Map.entry("level", "info"),
            Map.entry("msg", "part"),
            Map.entry("stream", "stdout"),
            Map.entry("time", T1));
  }

  @Test
  void aLineThatIsNotCriIsAProblem() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.CRI, Optional.empty());
    Reading.Problem problem = (Reading.Problem) lines.accept(T1 + " stdin F x").orElseThrow();
    assertThat(problem.column()).isEqualTo(T1.length() + 2);
    assertThat(((Reading.Problem) lines.accept(T1 + " stdout Q x").orElseThrow()).message())
        .contains("tag F or P");
  }

  @Test
  void dockerLinesWithoutTrailingNewlineAreJoined() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.DOCKER, Optional.empty());
    assertThat(lines.accept("{\"log\":\"abc\",\"stream\":\"stdout\",\"time\":\"" + T1 + "\"}"))
        .isEmpty();
    Map<String, String> joined =
        fields(lines.accept("{\"log\":\"def\\n\",\"stream\":\"stdout\",\"time\":\"" + T2 + "\"}"));
    assertThat(joined)
        .containsExactly(
            Map.entry("time", T1), Map.entry("stream", "stdout"), Map.entry("log", "abcdef"));
  }

  @Test
  void dockerLineWithoutLogIsAProblem() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.DOCKER, Optional.empty());
    assertThat(lines.accept("{\"stream\":\"stdout\"}").orElseThrow())
        .isInstanceOf(Reading.Problem.class);
    assertThat(lines.accept("not json").orElseThrow()).isInstanceOf(Reading.Problem.class);
  }

  @Test
  void aLineLongerThanTheBoundIsHandedOnSoMemoryStaysBounded() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.CRI, Optional.empty(), 10);
    assertThat(lines.accept(T1 + " stdout P 12345")).isEmpty();
    assertThat(fields(lines.accept(T1 + " stdout P 67890"))).containsEntry("log", "1234567890");
    assertThat(fields(lines.accept(T1 + " stdout F end"))).containsEntry("log", "end");
  }

  @Test
  void finishHandsOnALineCutOffByTheEndOfTheFile() {
    ContainerLines lines = new ContainerLines(ContainerRuntime.CRI, Optional.empty());
    lines.accept(T1 + " stdout P unfinished");
    assertThat(lines.finish())
        .singleElement()
        .satisfies(r -> assertThat(((Reading.Parsed) r).event().get("log")).contains("unfinished"));
    assertThat(lines.finish()).isEmpty();
  }
}
