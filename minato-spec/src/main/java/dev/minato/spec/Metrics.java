package dev.minato.spec;

/**
 * Where Prometheus scrapes the app. With {@code serviceMonitor} a Prometheus Operator
 * ServiceMonitor is rendered; otherwise the conventional {@code prometheus.io/*} annotations.
 * {@code requests} names the request metrics the app publishes, which SLOs read.
 */
public record Metrics(String path, int port, boolean serviceMonitor, RequestMetrics requests) {}
