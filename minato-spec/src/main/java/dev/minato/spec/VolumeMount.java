package dev.minato.spec;

import java.util.Optional;

/**
 * A sidecar's or init container's mount of one of the app's volumes ({@code spec.volumes}), by the
 * volume's name: a log shipper reading the app's log directory, an init container filling a cache.
 */
public record VolumeMount(
    String volume, String mountPath, Optional<String> subPath, boolean readOnly) {}
