package dev.minato.edge.nodes;

import java.util.Map;
import java.util.Optional;

/** A Kubernetes node as the load balancer sees it: a name, an address, labels, maybe a zone. */
public record Node(
    String name, String address, Optional<String> zone, Map<String, String> labels) {}
