package dev.minato.edge.nodeport;

/** The NodePort of one app and why it has it. */
public record Assignment(String app, int port, Source source) {

  /** Where an app's port comes from. */
  public enum Source {
    /** Written in the spec. */
    EXPLICIT,
    /** Assigned earlier and kept from the lock file. */
    LOCKED,
    /** Assigned by this run. */
    NEW
  }
}
