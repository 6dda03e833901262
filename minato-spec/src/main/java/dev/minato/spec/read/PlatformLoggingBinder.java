package dev.minato.spec.read;

import dev.minato.manifest.network.NetworkNames;
import dev.minato.spec.Image;
import dev.minato.spec.PlatformLogging;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Binds {@code platform.yaml}'s {@code logging} section:
 *
 * <pre>
 * logging:
 *   namespace: minato-logging          # where the collector runs
 *   image: cr.fluentbit.io/fluent/fluent-bit:3.2.2
 *   rules: .minato/logs.yaml           # the platform's masking ruleset
 *   output:
 *     cloudwatch: {region: eu-west-1, groupPrefix: /minato}
 *     # or loki: {host: loki.logging.svc, port: 3100, labels: {cluster: prod}}
 *     # or elasticsearch: {host: es.logging.svc, port: 9200, indexPrefix: logs}
 * </pre>
 */
public final class PlatformLoggingBinder {

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-[0-9]");
  private static final Pattern GROUP_PREFIX = Pattern.compile("/[A-Za-z0-9_./#-]{0,400}");
  private static final Pattern INDEX_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,100}");
  private static final List<String> OUTPUTS = List.of("cloudwatch", "loki", "elasticsearch");

  private PlatformLoggingBinder() {}

  /** Empty when the section has errors; they are in the section's diagnostics. */
  public static Optional<PlatformLogging> bind(Section logging, Diagnostics diagnostics) {
    int before = diagnostics.size();
    String namespace = logging.string("namespace").orElse(PlatformLogging.DEFAULT_NAMESPACE);
    String problem = Names.dnsLabelProblem(namespace, 63);
    if (!problem.isEmpty()) {
      logging.error("namespace", problem);
    }
    String imageText = logging.string("image").orElse(PlatformLogging.DEFAULT_IMAGE);
    Optional<Image> image = SpecBinder.image(logging, imageText);
    Optional<String> rules = LogsBinder.rulesPath(logging, "rules");
    Optional<PlatformLogging.Output> output =
        logging.section("output").flatMap(PlatformLoggingBinder::output);
    if (!logging.has("output")) {
      logging.errorHere(
          "the collector needs an output, e.g. output: {cloudwatch: {region: eu-west-1}}");
    }
    logging.finish();
    if (diagnostics.size() > before || image.isEmpty() || output.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PlatformLogging(namespace, imageText.strip(), rules, output.get()));
  }

  private static Optional<PlatformLogging.Output> output(Section output) {
    List<String> named = OUTPUTS.stream().filter(output::has).toList();
    Optional<PlatformLogging.Output> result = Optional.empty();
    if (output.has("cloudwatch")) {
      result = output.section("cloudwatch").flatMap(PlatformLoggingBinder::cloudWatch);
    }
    if (output.has("loki")) {
      result = output.section("loki").flatMap(PlatformLoggingBinder::loki);
    }
    if (output.has("elasticsearch")) {
      result = output.section("elasticsearch").flatMap(PlatformLoggingBinder::elasticsearch);
    }
    output.finish();
    if (named.size() != 1) {
      output.errorHere(
          "name exactly one output of "
              + String.join(", ", OUTPUTS)
              + (named.isEmpty() ? "" : "; found " + String.join(" and ", named)));
      return Optional.empty();
    }
    return result;
  }

  private static Optional<PlatformLogging.Output> cloudWatch(Section s) {
    Optional<String> region = s.requiredString("region", "eu-west-1");
    region
        .filter(r -> !REGION.matcher(r).matches())
        .ifPresent(r -> s.error("region", "'" + r + "' is not an AWS region such as eu-west-1"));
    String prefix = s.string("groupPrefix").orElse("/minato");
    if (!GROUP_PREFIX.matcher(prefix).matches() || prefix.endsWith("/")) {
      s.error(
          "groupPrefix",
          "'"
              + prefix
              + "' is not a log group prefix: start with '/', use letters, digits and _ . / # -,"
              + " and do not end with '/'");
    }
    s.finish();
    return region.map(r -> new PlatformLogging.CloudWatch(r, prefix));
  }

  private static Optional<PlatformLogging.Output> loki(Section s) {
    Optional<String> host = host(s);
    int port = s.integer("port", 1, 65535).orElse(3100);
    Map<String, String> labels = LogsBinder.labels(s, "labels");
    s.finish();
    return host.map(h -> new PlatformLogging.Loki(h, port, labels));
  }

  private static Optional<PlatformLogging.Output> elasticsearch(Section s) {
    Optional<String> host = host(s);
    OptionalInt port = s.integer("port", 1, 65535);
    String prefix = s.string("indexPrefix").orElse("logs");
    if (!INDEX_PREFIX.matcher(prefix).matches()) {
      s.error(
          "indexPrefix",
          "'" + prefix + "' is not an index prefix: use lower-case letters, digits, '_' and '-'");
    }
    s.finish();
    return host.map(h -> new PlatformLogging.Elasticsearch(h, port.orElse(9200), prefix));
  }

  private static Optional<String> host(Section s) {
    Optional<String> host = s.requiredString("host", "loki.logging.svc");
    Optional<String> problem = host.flatMap(NetworkNames::hostNameProblem);
    problem.ifPresent(p -> s.error("host", p));
    return problem.isPresent() ? Optional.empty() : host;
  }
}
