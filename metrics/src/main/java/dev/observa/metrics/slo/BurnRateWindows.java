package dev.observa.metrics.slo;

import java.time.Duration;
import java.util.List;

/**
 * The windows and burn rates of the multi-window, multi-burn-rate alerts of the Google SRE Workbook:
 * page at 14.4× over 1h and 5m and at 6× over 6h and 30m; ticket at 3× over 1d and 2h and at 1× over 3d
 * and 6h. {@link #scaledDown(int)} divides every window (not the SLO window) for tests and demos.
 *
 * @param alerts the alert rules, most urgent first
 * @param pageFor how long a page condition must hold before it fires
 * @param ticketFor how long a ticket condition must hold before it fires
 * @since 0.1.0
 */
public record BurnRateWindows(List<Alert> alerts, Duration pageFor, Duration ticketFor) {

  /**
   * One alert condition: the error ratio over both windows exceeds {@code burnRate} × the error budget.
   *
   * @param severity {@code page} or {@code ticket}
   * @param burnRate how many times faster than allowed the budget burns
   * @param longWindow the long window
   * @param shortWindow the short window, which makes the alert reset quickly
   */
  public record Alert(String severity, double burnRate, Duration longWindow, Duration shortWindow) {}

  /** @return the Workbook's windows */
  public static BurnRateWindows standard() {
    return new BurnRateWindows(List.of(
        new Alert("page", 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
        new Alert("page", 6, Duration.ofHours(6), Duration.ofMinutes(30)),
        new Alert("ticket", 3, Duration.ofDays(1), Duration.ofHours(2)),
        new Alert("ticket", 1, Duration.ofDays(3), Duration.ofHours(6))),
        Duration.ofMinutes(2), Duration.ofMinutes(15));
  }

  /**
   * @param divisor how many times shorter every window and {@code for} duration becomes, at least 1
   * @return the scaled windows (e.g. 60: 1h → 1m, 5m → 5s)
   */
  public BurnRateWindows scaledDown(int divisor) {
    if (divisor < 1) {
      throw new IllegalArgumentException("divisor " + divisor + " is invalid: it must be at least 1");
    }
    return new BurnRateWindows(alerts.stream().map(a -> new Alert(a.severity(), a.burnRate(),
        a.longWindow().dividedBy(divisor), a.shortWindow().dividedBy(divisor))).toList(),
        pageFor.dividedBy(divisor), ticketFor.dividedBy(divisor));
  }

  /** @return every distinct window the alerts use, shortest first */
  public List<Duration> windows() {
    return alerts.stream().flatMap(a -> java.util.stream.Stream.of(a.shortWindow(), a.longWindow()))
        .distinct().sorted().toList();
  }
}
