package dev.minato.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's module rules, enforced on every module's compiled (non-test) classes and
 * POMs. The CLI sees every module, so the check lives here; ModuleRulesTest proves it can fail.
 */
class ArchitectureTest {

  private static final Path ROOT = Path.of("..");

  private static JavaClasses classes;
  private static ModuleRules rules;

  @BeforeAll
  static void importEveryModule() throws Exception {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.minato");
    rules = new ModuleRules(ModuleTable.read(ROOT.resolve("docs/architecture.md")));
  }

  @Test
  void seesTheClassesOfEveryModule() {
    Set<String> seen = new TreeSet<>();
    classes.forEach(c -> ModuleRules.moduleOf(c).ifPresent(seen::add));

    assertThat(seen).containsExactlyInAnyOrderElementsOf(ModuleTable.MODULES);
  }

  @Test
  void theTableNamesEveryModule() throws Exception {
    assertThat(ModuleTable.read(ROOT.resolve("docs/architecture.md")).allowed().keySet())
        .containsExactlyInAnyOrderElementsOf(ModuleTable.MODULES);
  }

  @Test
  void modulesUseOnlyTheModulesTheTableAllows() {
    assertThat(rules.moduleDependencyViolations(classes)).isEmpty();
  }

  @Test
  void onlyTheClusterModuleAndTheClisClusterCommandsTouchTheKubernetesClient() {
    assertThat(ModuleRules.kubernetesClientViolations(classes)).isEmpty();
  }

  @Test
  void theTableNamesEveryPackage() {
    assertThat(rules.undocumentedPackages(classes)).isEmpty();
  }

  @Test
  void pomsDeclareOnlyTheModulesTheTableAllows() throws Exception {
    assertThat(rules.pomViolations(ROOT)).isEmpty();
  }

  @Test
  void theCheckerAndEdgeAreIndependentOfEachOtherAndOfTheRenderer() {
    ModuleTable table = rules.table();

    assertThat(table.allowedFor("check")).doesNotContain("render", "edge");
    assertThat(table.allowedFor("edge")).doesNotContain("check");
    assertThat(table.allowedFor("manifest")).isEmpty();
  }
}
