package dev.minato.spec;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the platform asks the app whether it is alive and ready. {@code port} is empty when the
 * probes use the app's own HTTP port, which is the point: a probe that stops at a proxy in front of
 * the app proves nothing about the app.
 *
 * @param startupSeconds the start-up budget; 0 means no startup probe
 * @param grpcService the service a gRPC app's probes and load-balancer checks ask {@code
 *     grpc.health.v1.Health/Check} about; empty asks about the server as a whole
 */
public record Health(
    String liveness,
    String readiness,
    int startupSeconds,
    OptionalInt port,
    Optional<String> grpcService) {}
