package dev.minato.logs.mask;

import dev.minato.logs.LogEvent;
import dev.minato.logs.read.Reading;
import dev.minato.logs.rules.Routing;
import dev.minato.logs.rules.VectorCase;
import java.util.Optional;

/**
 * The outcome of one vector case: what the engine made of the input, and whether that is what the
 * case expects.
 *
 * @param vectorCase the case
 * @param actual the masked line, or the reader's problem when the input is not in its format
 * @param stream the stream the event was routed to, when the ruleset routes
 * @param passed whether the line (and the stream, when the case names one) are as expected
 */
public record VectorCheck(
    VectorCase vectorCase, String actual, Optional<String> stream, boolean passed) {

  /** Runs {@code vectorCase} through {@code masker} and {@code routing}. */
  public static VectorCheck run(VectorCase vectorCase, Masker masker, Optional<Routing> routing) {
    Reading reading = vectorCase.from().parser().parse(vectorCase.input());
    if (reading instanceof Reading.Problem problem) {
      return new VectorCheck(
          vectorCase,
          "(input is not " + vectorCase.from().id() + ": " + problem.describe() + ")",
          Optional.empty(),
          false);
    }
    LogEvent original = ((Reading.Parsed) reading).event();
    String actual = vectorCase.to().writer().format(masker.mask(original));
    // Routed on the label as the application wrote it, as the collector routes.
    Optional<String> stream = routing.map(r -> r.streamOf(original.get(r.label())));
    boolean streamOk = vectorCase.stream().isEmpty() || vectorCase.stream().equals(stream);
    return new VectorCheck(
        vectorCase, actual, stream, streamOk && actual.equals(vectorCase.expect()));
  }
}
