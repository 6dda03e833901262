package dev.minato.edge.lb;

import java.util.Optional;

/** One pool member: a node's address and the app's NodePort on it. */
public record Member(String name, String address, int port, Optional<String> zone) {}
