package dev.minato.shadow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.shadow.report.RunNote;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyNotesTest {

  private static ShadowStatus status(Map<String, Long> staleRetries) {
    return new ShadowStatus(
        1000, 10, 10, Map.of(), 10, 0, 0, Map.of(), Map.of(), Map.of(), 10, 10, 0, staleRetries);
  }

  @Test
  void staleConnectionRetriesAreNotedByUpstreamLeavingOutThoseWithNone() {
    var notes = ProxyNotes.of(status(Map.of("primary", 3L, "candidate", 0L, "primary-again", 1L)));

    assertThat(notes)
        .filteredOn(note -> note.label().startsWith("requests retried"))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.count()).isEqualTo(4);
              assertThat(note.details()).containsExactly("primary: 3", "primary-again: 1");
            });
  }

  @Test
  void noRetryNoteWhenNoConnectionWasStale() {
    var notes = ProxyNotes.of(status(Map.of("primary", 0L, "candidate", 0L)));

    assertThat(notes).extracting(RunNote::label).noneMatch(l -> l.startsWith("requests retried"));
  }
}
