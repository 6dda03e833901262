package dev.minato.spec;

import java.util.Optional;

/**
 * A named port of the app's container besides its serving port (a gRPC admin port, a UDP listener).
 * It stays inside the cluster: a web app's extra ports are on its internal Service. Its protocol is
 * the one every container port of the pod names ({@link ContainerPort.Protocol}).
 */
public record ExtraPort(
    String name, int port, ContainerPort.Protocol protocol, Optional<String> appProtocol) {}
