package dev.minato.cluster.drift;

import dev.minato.manifest.ObjectKey;
import java.util.List;

/**
 * One object that drifted, with the fields that differ (for {@link DriftKind#CHANGED}): each as
 * {@code /json/pointer: want X, live Y}, values of Secrets never shown.
 */
public record DriftFinding(ObjectKey key, DriftKind kind, List<String> fields) {}
