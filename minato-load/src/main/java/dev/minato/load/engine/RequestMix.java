package dev.minato.load.engine;

import dev.minato.load.scenario.RequestTemplate;
import java.util.List;

/**
 * Which request the n-th send uses: a fixed cycle in which each template appears as often as its
 * weight, spread out (smooth weighted round-robin) rather than in runs. Deterministic, so shard k
 * of a distributed run sends exactly the requests a single process would have sent in its slots.
 */
final class RequestMix {

  private final int[] cycle;

  RequestMix(List<RequestTemplate> templates) {
    int total = templates.stream().mapToInt(RequestTemplate::weight).sum();
    cycle = new int[total];
    int[] current = new int[templates.size()];
    for (int slot = 0; slot < total; slot++) {
      int best = 0;
      for (int i = 0; i < templates.size(); i++) {
        current[i] += templates.get(i).weight();
        if (current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= total;
      cycle[slot] = best;
    }
  }

  /** The template index of send number {@code n} (0-based, over the whole unsharded run). */
  int templateOf(long n) {
    return cycle[(int) (n % cycle.length)];
  }
}
