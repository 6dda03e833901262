package dev.minato.check;

import dev.minato.check.suppression.Suppression;

/** A finding an annotation suppressed, kept so reports can show what was waived and why. */
public record SuppressedFinding(Finding finding, Suppression suppression) {}
