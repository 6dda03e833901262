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
        .contains(": 0 findings, 11 explained by ignore.minato.dev annotations")
        .contains("== 3b. The SLOs and alerts of shop-api in prd")
        .contains("SLO availability   99.9 % over 30d, requests without a 5xx status")
        .contains("SLO latency        99 % over 28d, requests within 0.3s")
        .containsPattern(
            "page +ShopApiAvailabilityErrorBudgetBurn1h +1h & 5m above 14.4x budget; in a total"
                + " outage it fires after 52s")
        .containsPattern("ticket +ShopApiLatencyErrorBudgetBurn3d ")
        .doesNotContain("ShopApiLatencyErrorBudgetBurn1h")
        .containsPattern("ticket +ShopApiAutoscalerAtMax +shop-api has run at its maximum")
        .contains("server prd-worker-1 10.20.1.11:30080 check")
        .contains("7. Encrypt a Secret for an age key (SOPS format)")
        .contains("DB_PASSWORD: ENC[AES256_GCM,data:")
        .contains("stringData.DB_PASSWORD has 21 characters")
        .doesNotContain("correct-horse-battery")
        .doesNotContain("prd-cp-1")
        .contains("8. Release an image into a manifest repository")
        .contains("(offline demo: --no-verify-image skips the registry check")
        .contains("Committed on branch release/shop-prd-1.1")
        .contains("  | - ")
        .contains("Faster checkout (#9) (minato demo)")
        .contains("Add the basket (#7) (minato demo)")
        .contains(
            "out  [checkout] {\"app\":\"checkout\",\"level\":\"info\",\"msg\":\"charged"
                + " **** **** **** 1111 for tok:demo:")
        .contains("\"msg\":\"retry order 4111111111111112\",\"password\":\"[REDACTED]\"}")
        .doesNotContain("hunter2\"")
        .contains("out  [auth] ")
        .contains("the client got the old copy's answer: {\"id\":1,\"total\":12.5,")
        .contains("GET /orders/{id}: 6 compared, 6 differing")
        .contains("REGRESSION $.total")
        .contains("noise      $.requestId")
        .contains("10. Mirror requests");
    assertThat(dir.resolve("m/shop-api/overlays/prd/kustomization.yaml")).exists();
  }
}
