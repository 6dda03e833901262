package dev.minato.cluster.migrate;

import dev.minato.cluster.connect.ResourceCatalog;
import dev.minato.cluster.objects.LiveObjects;

/** One of the two clusters of a migration: how to reach its objects, and its name for messages. */
public record ClusterSide(String name, LiveObjects live, ResourceCatalog catalog) {}
