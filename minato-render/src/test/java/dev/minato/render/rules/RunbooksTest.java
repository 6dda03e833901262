package dev.minato.render.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.Slo;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where alerts link their runbooks, and the window name a dashboard reads an SLO's budget from. */
class RunbooksTest {

  private static final PlatformMonitoring PLATFORM =
      new PlatformMonitoring(
          PlatformMonitoring.Backend.PROMETHEUS,
          true,
          PlatformMonitoring.SIDECAR_LABEL,
          PlatformMonitoring.SIDECAR_LABEL_VALUE,
          Optional.of("https://runbooks.example.com/{app}#{alert}"));

  @Test
  void thePlatformTemplateNamesTheAppAndTheAlert() {
    Runbooks runbooks = new Runbooks("shop-api", Optional.empty(), PLATFORM);

    assertThat(runbooks.forAlert("ShopApiHighErrorRate"))
        .contains("https://runbooks.example.com/shop-api#ShopApiHighErrorRate");
  }

  @Test
  void theSpecsOwnRunbookWinsOverThePlatformTemplate() {
    Runbooks runbooks =
        new Runbooks("shop-api", Optional.of("https://wiki.example.com/shop"), PLATFORM);

    assertThat(runbooks.forAlert("ShopApiHighErrorRate")).contains("https://wiki.example.com/shop");
  }

  @Test
  void withNeitherThereIsNoRunbook() {
    Runbooks runbooks = new Runbooks("shop-api", Optional.empty(), PlatformMonitoring.defaults());

    assertThat(runbooks.forAlert("ShopApiHighErrorRate")).isEmpty();
  }

  @Test
  void anSloWindowEqualToAFixedOneIsReadUnderTheFixedName() {
    assertThat(SloRules.ownWindow(slo(Duration.ofHours(24), "24h"))).isEqualTo("1d");
    assertThat(SloRules.ownWindow(slo(Duration.ofDays(28), "28d"))).isEqualTo("28d");
  }

  /** Only the window matters to {@link SloRules#ownWindow}. */
  private static Slo slo(Duration window, String spelling) {
    return new Slo("availability", BigDecimal.valueOf(99.9), window, spelling, null, null);
  }
}
