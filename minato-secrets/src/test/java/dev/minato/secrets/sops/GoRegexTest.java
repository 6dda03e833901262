package dev.minato.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Selector regexes mean in minato what they mean in sops's Go RE2, or are refused. */
class GoRegexTest {

  static boolean finds(String regex, String text) {
    return GoRegex.compile(regex).matcher(text).find();
  }

  @Test
  void ordinaryRegexesAreFoundAnywhereLikeGosRegexpMatch() {
    assertThat(finds("^(data|stringData)$", "stringData")).isTrue();
    assertThat(finds("pass", "db_password")).isTrue();
    assertThat(finds("^pass", "db_password")).isFalse();
  }

  @Test
  void goNamedGroupsAreRead() {
    Pattern pattern = GoRegex.compile("(?P<kind>enc|plain)!");

    assertThat(pattern.matcher("sops:enc!").find()).isTrue();
  }

  @Test
  void posixClassesInsideBracketsMatchWhatRe2MatchesNotTheirLetters() {
    assertThat(finds("^[[:digit:]]+$", "2024")).isTrue();
    assertThat(finds("^[[:digit:]]+$", "dig")).isFalse();
    assertThat(finds("^[[:^space:]]+$", "a:b")).isTrue();
    assertThat(finds("^[[:^space:]]+$", "a b")).isFalse();
  }

  @Test
  void bracketsAndEscapesKeepTheirLiteralCharacters() {
    assertThat(finds("[(?=]", "=")).isTrue();
    assertThat(finds("[]a]", "]")).isTrue();
    assertThat(finds("\\(\\?=", "(?=")).isTrue();
  }

  @Test
  void constructsRe2LacksAreRefusedNamingThem() {
    assertThatThrownBy(() -> GoRegex.compile("^(?!public)"))
        .hasMessageContaining("Go's RE2 syntax has no lookaround ((?!…)) (index 1");
    assertThatThrownBy(() -> GoRegex.compile("(?<=a)b")).hasMessageContaining("lookaround");
    assertThatThrownBy(() -> GoRegex.compile("(a)\\1")).hasMessageContaining("backreferences");
    assertThatThrownBy(() -> GoRegex.compile("a*+")).hasMessageContaining("possessive");
    assertThatThrownBy(() -> GoRegex.compile("(?>a)")).hasMessageContaining("atomic groups");
  }

  @Test
  void aRegexThatDoesNotCompileIsRefusedWithWhere() {
    assertThatThrownBy(() -> GoRegex.compile("(open"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a regular expression: Unclosed group");
    assertThatThrownBy(() -> GoRegex.compile("[[:alpah:]]"))
        .hasMessageContaining("unknown class [:alpah:]");
  }
}
