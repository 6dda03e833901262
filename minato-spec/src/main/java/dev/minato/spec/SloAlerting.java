package dev.minato.spec;

import java.util.Optional;

/**
 * Which burn-rate alerts an SLO gets: the page tier (fast burns: 1h and 5m at 14.4×, 6h and 30m at
 * 6×) and the ticket tier (slow burns: 1d and 2h at 3×, 3d and 6h at 1×).
 *
 * @param minRequests the low-traffic guard: no page while the page's short window holds fewer
 *     requests than this (0: no guard)
 * @param runbookUrl the alerts' {@code runbook_url} annotation
 */
public record SloAlerting(
    boolean page, boolean ticket, long minRequests, Optional<String> runbookUrl) {}
