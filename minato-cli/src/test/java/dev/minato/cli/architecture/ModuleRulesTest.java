package dev.minato.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The architecture checker itself, fed classes and POMs that break the rules on purpose. */
class ModuleRulesTest {

  private static final ModuleTable TABLE =
      ModuleTable.parse(
          List.of(
              "| Module | Owns | Packages | May depend on |",
              "|---|---|---|---|",
              "| `minato-manifest` | objects read with `-f FILE\\|DIR` | `dev.minato.manifest` |"
                  + " Jackson, SnakeYAML |",
              "| `minato-render` | objects | `dev.minato.render.objects` (one per kind), `.layout`"
                  + " | spec, manifest |",
              "| `minato-check` | the linter | `dev.minato.check` | manifest (never the renderer:"
                  + " the CLI composes them for `check --spec`) |",
              "| `minato-edge` | the edge | `dev.minato.edge.lb` | spec, manifest |",
              "| `minato-load` | load | `dev.minato.load.job` | manifest, Netty (never the"
                  + " Kubernetes client) |",
              "| `minato-cli` | commands | `dev.minato.cli`, `dev.minato.cli.<command>` | every"
                  + " module |"));

  private static JavaClasses misplaced() {
    return new ClassFileImporter()
        .importClasses(
            dev.minato.check.misplaced.ImportsRenderer.class,
            dev.minato.edge.misplaced.ImportsChecker.class,
            dev.minato.load.misplaced.TouchesKubernetesClient.class,
            dev.minato.cli.edge.misplaced.TouchesKubernetesClient.class);
  }

  @Test
  void readsModulesBeforeTheNoteAndIgnoresLibraries() {
    assertThat(TABLE.allowedFor("check")).containsExactly("manifest");
    assertThat(TABLE.allowedFor("manifest")).isEmpty();
    assertThat(TABLE.allowedFor("load")).containsExactly("manifest");
    // "every module": all the others, whatever modules the table lists.
    assertThat(TABLE.allowedFor("cli"))
        .containsExactlyInAnyOrderElementsOf(
            ModuleTable.MODULES.stream().filter(m -> !m.equals("cli")).toList());
  }

  @Test
  void findsTheCheckerUsingTheRenderer() {
    assertThat(new ModuleRules(TABLE).moduleDependencyViolations(misplaced()))
        .anySatisfy(
            v ->
                assertThat(v)
                    .startsWith(
                        "dev.minato.check.misplaced.ImportsRenderer (minato-check) uses"
                            + " dev.minato.render.objects.Labels (minato-render)")
                    .endsWith("lets minato-check depend only on [manifest]"));
  }

  @Test
  void findsEdgeUsingTheChecker() {
    assertThat(new ModuleRules(TABLE).moduleDependencyViolations(misplaced()))
        .anySatisfy(
            v ->
                assertThat(v)
                    .startsWith(
                        "dev.minato.edge.misplaced.ImportsChecker (minato-edge) uses"
                            + " dev.minato.check.Checker (minato-check)"));
  }

  @Test
  void findsTheKubernetesClientOutsideTheClusterModuleEvenInTheCli() {
    assertThat(ModuleRules.kubernetesClientViolations(misplaced()))
        .anySatisfy(
            v -> assertThat(v).startsWith("dev.minato.load.misplaced.TouchesKubernetesClient"))
        .anySatisfy(
            v -> assertThat(v).startsWith("dev.minato.cli.edge.misplaced.TouchesKubernetesClient"))
        .allSatisfy(v -> assertThat(v).contains("only minato-cluster and dev.minato.cli.cluster"));
  }

  @Test
  void allowsWhatTheTableAllows() {
    JavaClasses renderers =
        new ClassFileImporter()
            .importPackages("dev.minato.render.objects", "dev.minato.cli.generate");

    assertThat(renderers.contain("dev.minato.render.objects.Labels")).isTrue();
    assertThat(new ModuleRules(TABLE).moduleDependencyViolations(renderers)).isEmpty();
  }

  @Test
  void findsAPomDependencyTheTableDoesNotAllow(@TempDir Path root) throws IOException {
    for (String module : ModuleTable.MODULES) {
      Path pom = root.resolve("minato-" + module).resolve("pom.xml");
      Files.createDirectories(pom.getParent());
      Files.writeString(pom, "<project><dependencies></dependencies></project>");
    }
    Files.writeString(
        root.resolve("minato-edge/pom.xml"),
        "<project><dependencies>"
            + "<dependency><artifactId>minato-manifest</artifactId></dependency>"
            + "<dependency><artifactId>minato-check</artifactId></dependency>"
            + "<dependency><artifactId>minato-render</artifactId><scope>test</scope></dependency>"
            + "</dependencies></project>");

    assertThat(new ModuleRules(TABLE).pomViolations(root))
        .singleElement()
        .asString()
        .endsWith(
            "depends on minato-check; docs/architecture.md lets minato-edge depend only on"
                + " [manifest, spec]");
  }

  @Test
  void readsPackagesAbsoluteRelativeAndWithAPlaceholder() {
    assertThat(TABLE.documents("render", "dev.minato.render.objects")).isTrue();
    assertThat(TABLE.documents("render", "dev.minato.render.layout")).isTrue();
    assertThat(TABLE.documents("cli", "dev.minato.cli.edge")).isTrue();
    assertThat(TABLE.documents("cli", "dev.minato.cli")).isTrue();
    assertThat(TABLE.documents("cli", "dev.minato.cli.edge.misplaced")).isFalse();
    assertThat(TABLE.documents("render", "dev.minato.render")).isFalse();
  }

  @Test
  void findsPackagesTheDocumentDoesNotName() {
    assertThat(new ModuleRules(TABLE).undocumentedPackages(misplaced()))
        .contains(
            "dev.minato.check.misplaced (minato-check) is missing from the Packages column of"
                + " docs/architecture.md",
            "dev.minato.cli.edge.misplaced (minato-cli) is missing from the Packages column of"
                + " docs/architecture.md");
  }

  @Test
  void refusesADocumentWithoutTheTable() {
    assertThatThrownBy(() -> ModuleTable.parse(List.of("# Architecture", "no table here")))
        .hasMessageContaining("no modules table");
  }

  @Test
  void refusesATableWithTwoRowsForOneModule() {
    List<String> doc =
        List.of(
            "| Module | Responsibility | May depend on |",
            "|---|---|---|",
            "| `minato-edge` | The edge. | manifest |",
            "| `minato-edge` | The edge again. | manifest, load |");
    assertThatThrownBy(() -> ModuleTable.parse(doc))
        .hasMessageContaining("minato-edge has two rows");
  }
}
