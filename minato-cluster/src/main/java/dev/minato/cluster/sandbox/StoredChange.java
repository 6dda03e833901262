package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One change the emulator stored, in the order it was stored: the object after the change, or empty
 * when it was deleted. Tests listen to these to prove what a cluster held at every moment.
 */
public record StoredChange(
    long sequence, String kind, String namespace, String name, Optional<JsonNode> object) {}
