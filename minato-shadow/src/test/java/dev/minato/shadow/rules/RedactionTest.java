package dev.minato.shadow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.manifest.diff.FieldPath;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void credentialHeadersAndQueryParametersAreAlwaysHidden() {
    Redaction none = Redaction.DEFAULT;
    assertThat(none.header("Authorization", "Bearer x")).isEqualTo("***");
    assertThat(none.header("Content-Type", "text/plain")).isEqualTo("text/plain");
    assertThat(none.target("/a?access_token=x&page=2")).isEqualTo("/a?access_token=***&page=2");
  }

  @Test
  void redactOptionsAddHeadersQueryParametersPathsAndPatterns() throws Exception {
    Redaction redaction =
        Redaction.DEFAULT
            .and(Redaction.parseOption("header:X-Session"))
            .and(Redaction.parseOption("query:card"))
            .and(Redaction.parseOption("path:$..password"))
            .and(Redaction.parseOption("regex:[0-9]{16}"));
    assertThat(redaction.header("x-session", "abc")).isEqualTo("***");
    assertThat(redaction.target("/pay?card=1")).isEqualTo("/pay?card=***");
    assertThat(redaction.field(new FieldPath("$.user.password"), "pw")).isEqualTo("***");
    assertThat(redaction.text("card 4111111111111111 ok")).isEqualTo("card *** ok");
  }

  @Test
  void aMalformedRedactOptionSaysWhatWasExpected() {
    assertThatThrownBy(() -> Redaction.parseOption("heder:X"))
        .hasMessageContaining("expected header:NAME, query:NAME, path:JSONPATH or regex:PATTERN")
        .hasMessageContaining("did you mean 'header'?");
    assertThatThrownBy(() -> Redaction.parseOption("path:user.id"))
        .hasMessageContaining("start with '$'");
  }
}
