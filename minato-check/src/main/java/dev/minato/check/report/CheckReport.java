package dev.minato.check.report;

import dev.minato.check.CheckResult;
import dev.minato.check.InputError;
import java.util.List;
import java.util.Objects;

/**
 * Everything a reporter shows: the check's result, the input that could not be read, and the
 * version of minato that produced it (SARIF records it).
 */
public record CheckReport(CheckResult result, List<InputError> inputErrors, String toolVersion) {

  public CheckReport {
    Objects.requireNonNull(result, "result");
    inputErrors = List.copyOf(inputErrors);
    Objects.requireNonNull(toolVersion, "toolVersion");
  }
}
