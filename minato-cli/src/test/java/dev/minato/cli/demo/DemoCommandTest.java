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
        .contains("kustomization.yaml")
        .contains("search-api     prd  30007  externalTrafficPolicy Local")
        .contains("(strict profile")
        .contains(": 0 findings, 9 explained by ignore.minato.dev annotations")
        .contains("server prd-worker-1 10.20.1.11:30080 check")
        .contains("the client got the old copy's answer: {\"id\":1,\"total\":12.5,")
        .contains("GET /orders/{id}: 6 compared, 6 differing")
        .contains("REGRESSION $.total")
        .contains("noise      $.requestId")
        .doesNotContain("prd-cp-1");
    assertThat(dir.resolve("m/shop-api/overlays/prd/kustomization.yaml")).exists();
  }
}
