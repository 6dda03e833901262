package dev.minato.manifest.nodeport;

import dev.minato.manifest.SourcePosition;
import java.util.Objects;

/**
 * One NodePort wanted by one owner (a Service, or an app in a spec) for one protocol, with where it
 * was written.
 */
public record NodePortClaim(int port, String protocol, String owner, SourcePosition position) {

  public NodePortClaim {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(position, "position");
  }
}
