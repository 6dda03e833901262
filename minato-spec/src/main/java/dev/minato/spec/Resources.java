package dev.minato.spec;

import dev.minato.manifest.quantity.Quantity;
import java.util.Optional;

/** CPU and memory requests and limits of a container. */
public record Resources(
    Quantity cpu, Quantity memory, Quantity memoryLimit, Optional<Quantity> cpuLimit) {}
