package dev.minato.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void showsTheAppsAndTheGeneratedTree(@TempDir Path dir) {
    CliRun run =
        CliRun.of(
            "demo",
            "--examples",
            Path.of("..", "examples").toString(),
            "-o",
            dir.resolve("m").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("shop-api (team checkout): web, java")
        .contains("prd  4-12 pods (HPA at 70% CPU)")
        .contains("job revenue at '30 2 * * *' Europe/Berlin")
        .contains("└── shop-api/")
        .contains("kustomization.yaml");
    assertThat(dir.resolve("m/shop-api/overlays/prd/kustomization.yaml")).exists();
  }
}
