package dev.minato.cluster.connect;

import java.util.Optional;

/**
 * Which cluster a session talks to, so that minato never confuses two: the API server URL and the
 * UID of the {@code kube-system} namespace, which a cluster keeps for its whole life whatever URL,
 * proxy or context name reaches it. Two sessions are the same cluster when their UIDs are equal,
 * even behind different URLs.
 *
 * @param server the API server URL, for messages
 * @param uid the {@code kube-system} namespace's UID; empty when the user may not read namespaces
 */
public record ClusterIdentity(String server, Optional<String> uid) {

  /** The namespace whose UID identifies a cluster: every cluster has it from birth. */
  public static final String ANCHOR_NAMESPACE = "kube-system";

  /** Whether both name the same cluster; unknown UIDs compare by URL, the best evidence left. */
  public boolean sameClusterAs(ClusterIdentity other) {
    if (uid.isPresent() && other.uid.isPresent()) {
      return uid.get().equals(other.uid.get());
    }
    return server.equals(other.server);
  }

  /** A stable key for files that belong to one cluster: its UID, else its URL. */
  public String key() {
    return uid.orElse(server);
  }

  /** For messages: {@code https://host:6443 (kube-system 1234-...)}. */
  public String describe() {
    return server + uid.map(u -> " (" + ANCHOR_NAMESPACE + " uid " + u + ")").orElse("");
  }
}
