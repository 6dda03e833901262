/**
 * How people write quantities on command lines and in files: durations ({@code 250ms}), rates
 * ({@code 500/s}), and the "did you mean" for misspelt names. Shared by scenarios and SLOs.
 */
package dev.minato.load.syntax;
