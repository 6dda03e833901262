package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import dev.minato.manifest.InvalidValueException;
import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.quantity.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worker and thread counts set in env agree with the container's CPU request. A count copied from a
 * laptop (8 workers on 500m) thrashes under throttling; a count too low wastes the request.
 *
 * <p>Variables that size a pool per core ({@code GOMAXPROCS}, {@code OMP_NUM_THREADS}, the JVM's
 * {@code -XX:ActiveProcessorCount}) must equal the request rounded up to whole cores. Counted
 * workers ({@code WEB_CONCURRENCY}, {@code UV_THREADPOOL_SIZE}, ...) must equal {@code ceil(cores ×
 * ratio)} when the pod template states the ratio in {@code minato.dev/workers-per-cpu}, and
 * otherwise lie between 1 and {@code ceil(cores × maxWorkersPerCpu)}. Values from {@code valueFrom}
 * (the Downward API follows the request by construction) always pass.
 */
final class WorkersFollowCpu extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "workers-follow-cpu",
          Severity.WARNING,
          "worker/thread counts in env agree with the cpu request");

  /** The annotation that records the intended workers per requested core. */
  static final String RATIO_ANNOTATION = "minato.dev/workers-per-cpu";

  private static final Set<String> PER_CORE =
      Set.of("GOMAXPROCS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS");
  private static final Set<String> COUNTED =
      Set.of(
          "WEB_CONCURRENCY",
          "GUNICORN_WORKERS",
          "PUMA_WORKERS",
          "UNICORN_WORKERS",
          "UV_THREADPOOL_SIZE",
          "WORKERS",
          "MAX_WORKERS");

  /**
   * Pools sized per core but not the app's workers: the stated worker ratio does not apply to them,
   * only the per-core maximum (libuv's pool serves file and DNS I/O beside the workers).
   */
  private static final Set<String> AUXILIARY = Set.of("UV_THREADPOOL_SIZE");

  private static final Set<String> JVM_OPTIONS =
      Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS", "JDK_JAVA_OPTIONS");
  private static final Pattern ACTIVE_PROCESSORS =
      Pattern.compile("-XX:ActiveProcessorCount=(\\S+)");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    Optional<BigDecimal> ratio = ratio(workload);
    for (Container container : workload.containers()) {
      JsonNode cpu = container.path("resources").path("requests").path("cpu");
      Optional<BigDecimal> cores = cores(cpu);
      if (cores.isEmpty() || cores.get().signum() <= 0) {
        continue; // resources-requests reports the missing request
      }
      JsonNode env = container.path("env");
      for (int i = 0; i < env.size(); i++) {
        JsonNode variable = env.get(i);
        JsonNode value = variable.path("value");
        if (variable.has("valueFrom") || value.isMissingNode()) {
          continue;
        }
        String name = variable.path("name").asText("");
        String pointer = JsonPointers.child(container.pointer("/env/" + i), "value");
        Check check =
            new Check(workload, container, name, value.asText(""), cpu.asText(), cores.get());
        if (PER_CORE.contains(name)) {
          check.perCore(context, pointer, value.asText(""));
        } else if (JVM_OPTIONS.contains(name)) {
          Matcher matcher = ACTIVE_PROCESSORS.matcher(value.asText(""));
          if (matcher.find()) {
            check.perCore(context, pointer, matcher.group(1));
          }
        } else if (COUNTED.contains(name)) {
          check.counted(context, pointer, AUXILIARY.contains(name) ? Optional.empty() : ratio);
        }
      }
    }
  }

  private static Optional<BigDecimal> ratio(Workload workload) {
    String text = workload.podAnnotations().get(RATIO_ANNOTATION);
    if (text == null) {
      text = workload.object().at("/metadata/annotations").path(RATIO_ANNOTATION).asText(null);
    }
    if (text == null) {
      return Optional.empty();
    }
    try {
      BigDecimal ratio = new BigDecimal(text.strip());
      return ratio.signum() > 0 ? Optional.of(ratio) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** One variable's check, holding what the messages need. */
  private record Check(
      Workload workload,
      Container container,
      String name,
      String value,
      String cpuText,
      BigDecimal cores) {

    void perCore(RuleContext context, String pointer, String count) {
      int expected = atLeastOne(cores.setScale(0, RoundingMode.CEILING));
      Optional<Integer> actual = parse(count);
      if (actual.isEmpty() || actual.get() != expected) {
        context.report(
            workload.object(),
            pointer,
            subject()
                + " sets "
                + name
                + "="
                + value
                + " but requests "
                + cpuText
                + " cpu; one thread per requested core is "
                + expected
                + " (ceil("
                + plain(cores)
                + ")), or take it from the Downward API (resourceFieldRef requests.cpu)");
      }
    }

    void counted(RuleContext context, String pointer, Optional<BigDecimal> ratio) {
      Optional<Integer> actual = parse(value);
      if (ratio.isPresent()) {
        int expected = atLeastOne(cores.multiply(ratio.get()).setScale(0, RoundingMode.CEILING));
        if (actual.isEmpty() || actual.get() != expected) {
          context.report(
              workload.object(),
              pointer,
              subject()
                  + " sets "
                  + name
                  + "="
                  + value
                  + " but requests "
                  + cpuText
                  + " cpu; with "
                  + RATIO_ANNOTATION
                  + " "
                  + plain(ratio.get())
                  + " that is ceil("
                  + plain(cores)
                  + " × "
                  + plain(ratio.get())
                  + ") = "
                  + expected);
        }
        return;
      }
      BigDecimal perCpu = context.config().maxWorkersPerCpu();
      int most = atLeastOne(cores.multiply(perCpu).setScale(0, RoundingMode.CEILING));
      if (actual.isEmpty() || actual.get() < 1 || actual.get() > most) {
        context.report(
            workload.object(),
            pointer,
            subject()
                + " sets "
                + name
                + "="
                + value
                + " but requests "
                + cpuText
                + " cpu; at most "
                + plain(perCpu)
                + " per core allows 1 to "
                + most
                + " (ceil("
                + plain(cores)
                + " × "
                + plain(perCpu)
                + ")); state the intended ratio in "
                + RATIO_ANNOTATION
                + " or raise the request");
      }
    }

    private String subject() {
      return WorkloadRule.subject(workload, container);
    }

    private static Optional<Integer> parse(String text) {
      try {
        return Optional.of(Integer.parseInt(text.strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    private static int atLeastOne(BigDecimal rounded) {
      return Math.max(1, rounded.intValueExact());
    }

    private static String plain(BigDecimal number) {
      return number.stripTrailingZeros().toPlainString();
    }
  }

  /** The CPU request in cores; empty when it is not a quantity (resources-requests says so). */
  private static Optional<BigDecimal> cores(JsonNode cpu) {
    try {
      return Optional.of(Quantity.of(cpu).value());
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }
}
