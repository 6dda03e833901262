package dev.minato.shadow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.diff.JsonTreeDiff;
import org.junit.jupiter.api.Test;

class PathPatternTest {

  static boolean matches(String pattern, String path) throws InvalidValueException {
    return PathPattern.parse(pattern).matches(new dev.minato.manifest.diff.FieldPath(path));
  }

  @Test
  void anExactPathMatchesOnlyThatField() throws Exception {
    assertThat(matches("$.user.id", "$.user.id")).isTrue();
    assertThat(matches("$.user.id", "$.user.idx")).isFalse();
    assertThat(matches("$.user.id", "$.user")).isFalse();
  }

  @Test
  void aStarMatchesOneMemberOrIndex() throws Exception {
    assertThat(matches("$.items[*].price", "$.items[12].price")).isTrue();
    assertThat(matches("$.items.*", "$.items.a")).isTrue();
    assertThat(matches("$.items[*].price", "$.items[1].tax.price")).isFalse();
  }

  @Test
  void twoDotsMatchAtAnyDepth() throws Exception {
    assertThat(matches("$..timestamp", "$.timestamp")).isTrue();
    assertThat(matches("$..timestamp", "$.a[3].b.timestamp")).isTrue();
    assertThat(matches("$..timestamp", "$.a.timestampX")).isFalse();
  }

  @Test
  void quotedNamesMatchTheWayTheDiffWritesThem() throws Exception {
    String rendered = JsonTreeDiff.ROOT.field("x-trace.id").text();
    assertThat(rendered).isEqualTo("$[\"x-trace.id\"]");
    assertThat(matches("$['x-trace.id']", rendered)).isTrue();
    assertThat(matches("$[\"x-trace.id\"]", rendered)).isTrue();
  }

  @Test
  void rejectsPathsThatDoNotStartAtTheRootAndSaysWhatWasExpected() {
    assertThatThrownBy(() -> PathPattern.parse("user.id"))
        .hasMessageContaining("expected it to start with '$'");
    assertThatThrownBy(() -> PathPattern.parse("$.items[x"))
        .hasMessageContaining("is never closed");
    assertThatThrownBy(() -> PathPattern.parse("$.a[?(@.x)]"))
        .hasMessageContaining("expected an index, * or a quoted name");
  }
}
