package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A spec file without an app is a mistake to report, never a way to say "this app is gone". */
class SpecReaderEmptyFileTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "\n\n", "# just a comment\n", "null\n", "~\n", "---\n", "--- null\n"})
  void aFileWithoutAnyDocumentIsAnErrorAtItsFirstLine(String text) {
    SpecException e =
        catchThrowableOfType(
            SpecException.class, () -> SpecReader.read("apps/shop/minato.yaml", text));

    assertThat(e).isNotNull();
    assertThat(e.errors())
        .singleElement()
        .asString()
        .startsWith("apps/shop/minato.yaml:1:1: the spec file is empty")
        .contains("To remove an app, delete its file");
  }
}
