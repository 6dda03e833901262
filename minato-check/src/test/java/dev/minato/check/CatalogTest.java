package dev.minato.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.check.rules.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogTest {

  /** The repository root, seen from the module directory that Maven runs tests in. */
  private static final Path DOCS = Path.of("..", "docs", "rules");

  @Test
  void ruleIdsAreUniqueKebabCase() {
    assertThat(Catalog.infos())
        .extracting(RuleInfo::id)
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[a-z]+(-[a-z]+)*"));
  }

  @Test
  void everyRuleIsInTheStrictProfile() {
    assertThat(Catalog.infos())
        .allSatisfy(info -> assertThat(info.profiles()).contains(Profile.STRICT));
  }

  @Test
  void everyRuleHasADocumentationPageWithWhyAndHowToFix() throws Exception {
    for (RuleInfo rule : Catalog.infos()) {
      Path page = DOCS.resolve(rule.id() + ".md");
      assertThat(page).as("docs page of %s", rule.id()).exists();
      String text = Files.readString(page);
      assertThat(text)
          .as(rule.id())
          .startsWith("# " + rule.id())
          .contains("## Why", "## How to fix", "## Example");
    }
  }
}
