package dev.minato.load.stats;

import java.util.List;
import java.util.Objects;

/**
 * What a run was, as written in its log header so a merge can check its shards belong together.
 *
 * @param fingerprint identifies the scenario independently of the shard, so shards of different
 *     runs are not merged by mistake
 * @param shardCount how many shards the run was split into (1 for a single process)
 * @param part what of the run these results cover: empty for all of it, {@code shard 2/8} for one
 *     shard's own results, {@code 8 shards merged} after a merge
 * @param slos the SLO texts to evaluate on the merged result
 */
public record RunInfo(
    String name,
    String target,
    String model,
    String fingerprint,
    int shardCount,
    String part,
    List<String> slos) {

  public RunInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(part, "part");
    slos = List.copyOf(slos);
  }
}
