package dev.minato.shadow.exchange;

/**
 * Where complete exchanges go: the proxy and replay produce them, the comparison consumes them.
 * Called from I/O threads, so an implementation must be thread-safe and must not block.
 */
@FunctionalInterface
public interface ExchangeSink {
  void accept(Exchange exchange);
}
