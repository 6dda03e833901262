package dev.minato.spec.read;

import dev.minato.manifest.network.NetworkNames;
import dev.minato.spec.Expose;
import java.util.List;
import java.util.Map;

/**
 * Binds the parts of {@code spec.expose} that configure the object exposing the app: its
 * annotations and, for a LoadBalancer, the source ranges it accepts.
 */
final class ExposureBinder {

  private ExposureBinder() {}

  /** Annotation keys as Kubernetes checks them: an optional DNS prefix and '/', then a name. */
  static Map<String, String> annotations(Section expose) {
    Map<String, String> annotations = expose.stringMap("annotations");
    for (String key : annotations.keySet()) {
      int slash = key.indexOf('/');
      String name = key.substring(slash + 1);
      if (!Names.LABEL_KEY.matcher(key).matches()
          || name.length() > 63
          || (slash > 0 && !Names.dnsSubdomain(key.substring(0, slash)))) {
        expose.error(
            "annotations",
            "'"
                + key
                + "' is not an annotation key: an optional DNS prefix and '/', then up to 63"
                + " letters, digits, '-', '_' or '.', e.g."
                + " service.beta.kubernetes.io/aws-load-balancer-scheme");
      }
    }
    return annotations;
  }

  /** {@code loadBalancerSourceRanges}: CIDR blocks, for expose.type LoadBalancer only. */
  static List<String> sourceRanges(Section expose, Expose.Type type) {
    String field = "loadBalancerSourceRanges";
    List<String> ranges = expose.stringList(field);
    if (expose.has(field) && type != Expose.Type.LOAD_BALANCER) {
      expose.error(
          field, field + " needs expose.type: LoadBalancer (type is " + type.spelling() + ")");
      return List.of();
    }
    for (String range : ranges) {
      NetworkNames.cidrProblem(range).ifPresent(p -> expose.error(field, p));
    }
    return ranges;
  }
}
