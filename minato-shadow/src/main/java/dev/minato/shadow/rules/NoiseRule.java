package dev.minato.shadow.rules;

/**
 * When a field that differs between the old and the new service is noise rather than a regression.
 * The secondary is a second copy of the old service (or the primary asked again): the rate at which
 * a field differs between the two old copies is how often it differs for no reason (a timestamp, a
 * random id, a counter). The candidate's rate is judged against it, per endpoint and field:
 *
 * <ul>
 *   <li>{@code candidateRate} = differences primary↔candidate / exchanges compared;
 *   <li>{@code noiseRate} = differences primary↔secondary / exchanges with a secondary answer;
 *   <li>{@code excess} = {@code candidateRate − noiseRate}: the differences noise does not explain.
 * </ul>
 *
 * <p>A field is a <b>regression</b> when it differed at least once and {@code excess > relative ×
 * candidateRate} and {@code excess ≥ absolute}; otherwise it is <b>noise</b>. With the default
 * {@code relative} of 0.2, a field the old copies disagree on at least 80% as often as old and new
 * do is noise. With no secondary answers at all, {@code noiseRate} is 0 and every difference is a
 * regression: nothing can be excused without evidence.
 *
 * @param relative the share of the candidate's rate that noise may leave unexplained, 0 to 1
 * @param absolute the smallest excess rate reported, 0 to 1 (0: any excess)
 */
public record NoiseRule(double relative, double absolute) {

  public static final NoiseRule DEFAULT = new NoiseRule(0.2, 0.0);

  public NoiseRule {
    if (!(relative >= 0 && relative <= 1) || !(absolute >= 0 && absolute <= 1)) {
      throw new IllegalArgumentException("noise thresholds are rates from 0 to 1");
    }
  }

  /**
   * True when the field is a regression.
   *
   * @param candidateDiffs exchanges where primary and candidate differed in the field
   * @param compared exchanges where primary and candidate both answered
   * @param secondaryDiffs exchanges where primary and secondary differed in the field
   * @param withSecondary exchanges where primary and secondary both answered
   */
  public boolean isRegression(
      long candidateDiffs, long compared, long secondaryDiffs, long withSecondary) {
    if (candidateDiffs == 0 || compared == 0) {
      return false;
    }
    double candidateRate = (double) candidateDiffs / compared;
    double noiseRate = withSecondary == 0 ? 0 : (double) secondaryDiffs / withSecondary;
    double excess = candidateRate - noiseRate;
    return excess > relative * candidateRate && excess >= absolute;
  }
}
