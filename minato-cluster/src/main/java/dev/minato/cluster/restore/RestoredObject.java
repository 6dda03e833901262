package dev.minato.cluster.restore;

import dev.minato.manifest.ObjectKey;

/** The outcome for one object of a backup, with the server's message when it failed. */
public record RestoredObject(ObjectKey key, RestoreOutcome outcome, String message) {}
