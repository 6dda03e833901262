package dev.minato.check.rules;

import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;

/** Images carry a version tag other than {@code latest}, or a digest. */
final class ImageTagPinned extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "image-tag-pinned", Severity.ERROR, "images name a version tag (not latest) or a digest");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (Container container : workload.allContainers()) {
      String image = container.path("image").asText("");
      String pointer = container.pointer("/image");
      if (image.isEmpty()) {
        context.report(
            workload.object(),
            container.pointer(""),
            subject(workload, container) + " has no image");
        continue;
      }
      if (image.contains("@")) {
        continue;
      }
      String tag = tag(image);
      if (tag.isEmpty()) {
        context.report(
            workload.object(),
            pointer,
            subject(workload, container)
                + " image '"
                + image
                + "' has no tag, so it runs whatever 'latest' is at pull time; pin a version or a"
                + " digest");
      } else if (tag.equals("latest")) {
        context.report(
            workload.object(),
            pointer,
            subject(workload, container)
                + " image '"
                + image
                + "' uses the moving tag 'latest'; pin a version or a digest");
      }
    }
  }

  /** The tag after the last colon that follows the last slash (a registry port is not a tag). */
  static String tag(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : "";
  }
}
