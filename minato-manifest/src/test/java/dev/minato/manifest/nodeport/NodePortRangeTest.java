package dev.minato.manifest.nodeport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.InvalidValueException;
import org.junit.jupiter.api.Test;

class NodePortRangeTest {

  @Test
  void readsMinusMaxWithBothEndsIncluded() throws Exception {
    NodePortRange range = NodePortRange.parse("30000-32767");

    assertThat(range).isEqualTo(NodePortRange.DEFAULT);
    assertThat(range.contains(30000)).isTrue();
    assertThat(range.contains(32767)).isTrue();
    assertThat(range.contains(29999)).isFalse();
    assertThat(range.contains(32768)).isFalse();
    assertThat(range.size()).isEqualTo(2768);
  }

  @Test
  void readsBasePlusSizeAsTheApiServerFlagDoes() throws Exception {
    assertThat(NodePortRange.parse("30000+2768")).isEqualTo(NodePortRange.DEFAULT);
    assertThat(NodePortRange.parse(" 31000 + 1 ")).isEqualTo(new NodePortRange(31000, 31000));
  }

  @Test
  void rejectsAnEndBelowTheStart() {
    assertThatThrownBy(() -> NodePortRange.parse("32000-31000"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "'32000-31000' is not a port range: the end is below the start;"
                + " expected MIN-MAX such as 30000-32767, or BASE+SIZE");
  }

  @Test
  void rejectsAMissingBoundNamingIt() {
    assertThatThrownBy(() -> NodePortRange.parse("30000-"))
        .hasMessageContaining("the end '' is not a whole number");
    assertThatThrownBy(() -> NodePortRange.parse("x+5"))
        .hasMessageContaining("the start 'x' is not a whole number");
  }

  @Test
  void rejectsTextWithoutASeparator() {
    assertThatThrownBy(() -> NodePortRange.parse("30000"))
        .hasMessageContaining("no '-' between the bounds");
    assertThatThrownBy(() -> NodePortRange.parse("1-2+3")).hasMessageContaining("both '-' and '+'");
  }

  @Test
  void rejectsPortsPast65535AndZero() {
    assertThatThrownBy(() -> NodePortRange.parse("65000+600"))
        .hasMessageContaining("ports end at 65535");
    assertThatThrownBy(() -> NodePortRange.parse("0-10"))
        .hasMessageContaining("the start must be 1 or more");
    assertThatThrownBy(() -> NodePortRange.parse("30000+0"))
        .hasMessageContaining("the size must be 1 or more");
  }
}
