package dev.minato.spec;

/**
 * Where Prometheus scrapes the app. With {@code serviceMonitor} a Prometheus Operator
 * ServiceMonitor is rendered; otherwise the conventional {@code prometheus.io/*} annotations.
 */
public record Metrics(String path, int port, boolean serviceMonitor) {}
