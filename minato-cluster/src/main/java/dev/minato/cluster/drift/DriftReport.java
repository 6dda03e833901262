package dev.minato.cluster.drift;

import java.util.List;

/** The findings of one drift check, in object order, and how many objects were compared. */
public record DriftReport(List<DriftFinding> findings, int compared) {

  public long count(DriftKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).count();
  }

  public boolean clean() {
    return findings.isEmpty();
  }
}
