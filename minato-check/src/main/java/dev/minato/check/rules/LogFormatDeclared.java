package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.MinatoLabels;

/**
 * A workload whose pods declare a log stream for the collector ({@code minato.dev/log-stream},
 * written from a spec's {@code logs}) also declares the lines' format ({@code
 * minato.dev/log-format}). Without it the collector keeps each line as one unparsed string: no
 * field can be searched, routed on or masked by key name, and value-pattern masking is all that
 * protects it. The check reads the annotations, so it holds for {@code check --spec} (the finding
 * names the spec and environment, as every finding there does) and for any rendered manifest alike.
 */
final class LogFormatDeclared extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "log-format-declared",
          Severity.WARNING,
          "pods whose logs the collector routes declare the lines' format");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    var annotations = workload.podAnnotations();
    String stream = annotations.get(MinatoLabels.LOG_STREAM);
    if (stream == null || annotations.containsKey(MinatoLabels.LOG_FORMAT)) {
      return;
    }
    context.report(
        workload.object(),
        JsonPointers.child(workload.podMetadataPointer() + "/annotations", MinatoLabels.LOG_STREAM),
        workload.object().key()
            + " sends its logs to stream '"
            + stream
            + "' without a format, so the collector keeps each line as one unparsed string that"
            + " key-name masking cannot reach; declare it (spec.logs.format: ltsv, json, nginx or"
            + " text, or the pod annotation "
            + MinatoLabels.LOG_FORMAT
            + ")");
  }
}
