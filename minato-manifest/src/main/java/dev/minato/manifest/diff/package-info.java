/**
 * Differences a person reads: field by field between two object trees ({@link
 * dev.minato.manifest.diff.ObjectDiff}) and line by line between two texts ({@link
 * dev.minato.manifest.diff.TextDiff}). Every Kubernetes object diff goes through {@link
 * dev.minato.manifest.diff.ObjectDiff}, which hides Secret values before anything is compared, so
 * no caller can print one by forgetting to mask.
 */
package dev.minato.manifest.diff;
