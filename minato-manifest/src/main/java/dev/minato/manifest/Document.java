package dev.minato.manifest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One document of a YAML or JSON source, with the positions of its nodes. {@code index} is the
 * 0-based place of the document in its source (YAML streams hold several, separated by {@code
 * ---}).
 *
 * <p>The tree is shared, not copied: treat it as read-only and {@code deepCopy()} before changing.
 */
public record Document(JsonNode root, int index, SourcePosition start, Positions positions) {}
