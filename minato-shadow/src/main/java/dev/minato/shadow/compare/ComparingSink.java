package dev.minato.shadow.compare;

import dev.minato.shadow.exchange.Exchange;
import dev.minato.shadow.exchange.ExchangeSink;
import dev.minato.shadow.exchange.Outcome;
import dev.minato.shadow.route.Endpoint;
import dev.minato.shadow.route.RouteTemplates;
import dev.minato.shadow.rules.ShadowRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sink the proxy and replay hand exchanges to: compares each one (primary↔candidate, and
 * primary↔secondary for noise), counts the differences per endpoint and field, and judges them with
 * the noise rule when {@link #results()} is asked for, as often as wanted during a run.
 *
 * <p>Thread-safe and non-blocking in the sense {@link ExchangeSink} asks: the comparison runs on
 * the caller's thread without waiting for anything, and the counts of one endpoint are locked only
 * for the few increments of one exchange.
 */
public final class ComparingSink implements ExchangeSink {

  private final ResponseComparison comparison;
  private final ShadowRules rules;
  private final RouteTemplates routes;
  private final Map<Endpoint, EndpointTally> tallies = new ConcurrentHashMap<>();

  public ComparingSink(ShadowRules rules, RouteTemplates routes) {
    this(rules, routes, true);
  }

  /** See {@link ResponseComparison#ResponseComparison(ShadowRules, boolean)}. */
  ComparingSink(ShadowRules rules, RouteTemplates routes, boolean bytesFirst) {
    this.rules = rules;
    this.comparison = new ResponseComparison(rules, bytesFirst);
    this.routes = routes;
  }

  @Override
  public void accept(Exchange exchange) {
    Endpoint endpoint = routes.endpoint(exchange.request().method(), exchange.request().target());
    EndpointTally tally = tallies.computeIfAbsent(endpoint, EndpointTally::new);
    if (exchange.primary() instanceof Outcome.Failed failed) {
      synchronized (tally) {
        tally.primaryFailed(failed);
      }
      return;
    }
    List<Difference> candidate = comparison.between(exchange.primary(), exchange.candidate());
    // A secondary that gave no response says nothing about noise: counting it would let an
    // unreachable second copy excuse an unreachable candidate.
    Optional<List<Difference>> secondary =
        exchange
            .secondary()
            .filter(Outcome.Answered.class::isInstance)
            .map(outcome -> comparison.between(exchange.primary(), outcome));
    String target = rules.redaction().target(exchange.request().target());
    synchronized (tally) {
      tally.compared(target, exchange.candidate(), candidate, exchange.secondary(), secondary);
    }
  }

  /** The results so far, judged with the noise rule, endpoints in route order. */
  public ShadowResults results() {
    List<EndpointResult> endpoints =
        tallies.values().stream()
            .map(
                tally -> {
                  synchronized (tally) {
                    return tally.result(rules.noise());
                  }
                })
            .sorted(java.util.Comparator.comparing(EndpointResult::endpoint))
            .toList();
    return new ShadowResults(endpoints);
  }
}
