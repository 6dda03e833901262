package dev.minato.render.rules;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The multi-window, multi-burn-rate alerts of the Google SRE workbook (chapter 5): an alert fires
 * when the error ratio over both a long and a short window exceeds {@code burnRate} times the error
 * budget. The long window makes it significant, the short one makes it stop soon after the burn
 * does. At 14.4× a 30-day budget is 2 % spent in one hour.
 */
public enum BurnRateTier {
  PAGE_1H("1h", "5m", "14.4", true, 1),
  PAGE_6H("6h", "30m", "6", true, 5),
  TICKET_1D("1d", "2h", "3", false, 5),
  TICKET_3D("3d", "6h", "1", false, 15);

  private final String longWindow;
  private final String shortWindow;
  private final BigDecimal burnRate;
  private final boolean page;
  private final Duration testInterval;

  BurnRateTier(
      String longWindow, String shortWindow, String burnRate, boolean page, int testMinutes) {
    this.testInterval = Duration.ofMinutes(testMinutes);
    this.longWindow = longWindow;
    this.shortWindow = shortWindow;
    this.burnRate = new BigDecimal(burnRate);
    this.page = page;
  }

  public String longWindow() {
    return longWindow;
  }

  public String shortWindow() {
    return shortWindow;
  }

  public Duration longDuration() {
    return SloRules.duration(longWindow);
  }

  public Duration shortDuration() {
    return SloRules.duration(shortWindow);
  }

  public BigDecimal burnRate() {
    return burnRate;
  }

  /** Page tiers wake someone; ticket tiers open a ticket. */
  public boolean page() {
    return page;
  }

  /**
   * The sample and evaluation interval of this tier's rule test: fine enough for its short window,
   * coarse enough that days of series evaluate in seconds.
   */
  public Duration testInterval() {
    return testInterval;
  }

  public String severity() {
    return page ? "page" : "ticket";
  }
}
