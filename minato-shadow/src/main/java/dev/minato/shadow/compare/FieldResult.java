package dev.minato.shadow.compare;

import java.util.Optional;

/**
 * How often one field of one endpoint differed, and whether that is a regression or noise.
 *
 * @param field the field ({@code status}, {@code $.user.name}, …)
 * @param candidateDiffs exchanges where primary and candidate differed in it
 * @param secondaryDiffs exchanges where primary and secondary differed in it
 * @param regression true when the noise rule found it a regression
 * @param example a request where primary and candidate differed in it (empty when only the old
 *     copies did)
 * @param noiseExample a request where primary and secondary differed in it, if any
 */
public record FieldResult(
    String field,
    long candidateDiffs,
    long secondaryDiffs,
    boolean regression,
    Optional<Example> example,
    Optional<Example> noiseExample) {}
