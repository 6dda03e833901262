package dev.minato.check.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.RuleContext;
import dev.minato.check.RuleInfo;
import dev.minato.check.Severity;
import dev.minato.check.inventory.Container;
import dev.minato.check.inventory.Workload;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A serving container with a read-only root file system that writes log files does so onto a
 * mounted volume, and something rotates them. With the root read-only, a log file can only land on
 * a writable volume (an emptyDir, usually): it grows until the node evicts the pod for its
 * ephemeral storage, or a persistent volume fills, and the cluster's collector never sees the lines
 * because it reads stdout and stderr.
 *
 * <p>The heuristics, chosen to report only what is very likely a log file:
 *
 * <ul>
 *   <li>A log target is a writable volume mount whose path has a log-like segment ({@code log},
 *       {@code logs}, or one ending in {@code -log}, {@code _logs}, {@code .log} ...; never {@code
 *       blog} or {@code catalog}), or an absolute path ending in {@code .log} in the container's
 *       command, args or env values that lies on a writable mount ({@code /dev/} and {@code /proc/}
 *       paths are the process's own output and pass).
 *   <li>Rotation is another container of the pod (a sidecar, native or not) that mounts the same
 *       volume and whose name or image says {@code logrotate} or {@code log-rotate}.
 *   <li>Only containers that serve traffic, in long-running workloads, with {@code
 *       readOnlyRootFilesystem: true}: a writable root is reported by {@code read-only-root-fs}.
 * </ul>
 */
final class LogFileRotated extends WorkloadRule {

  static final RuleInfo INFO =
      RuleInfo.everywhere(
          "log-file-rotated",
          Severity.WARNING,
          "a serving container that writes log files to a volume has them rotated");

  private static final Pattern LOG_SEGMENT = Pattern.compile("(?i)(?:[^/]*[-_.])?logs?");
  private static final Pattern LOG_FILE =
      Pattern.compile("(?<![A-Za-z0-9._-])(/[A-Za-z0-9._/-]*[A-Za-z0-9_-]\\.log)(?![A-Za-z0-9_-])");
  private static final Pattern ROTATOR = Pattern.compile("(?i)log-?rotat");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  void check(Workload workload, RuleContext context) {
    for (Container container : workload.runningContainers()) {
      if (!context.inventory().serves(workload, container)
          || !container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
        continue;
      }
      Set<String> reported = new HashSet<>();
      JsonNode mounts = container.path("volumeMounts");
      for (int i = 0; i < mounts.size(); i++) {
        JsonNode mount = mounts.get(i);
        String path = mount.path("mountPath").asText("");
        if (writable(mount) && logLike(path)) {
          report(
              workload,
              container,
              mount,
              container.pointer("/volumeMounts/" + i),
              path,
              reported,
              context);
        }
      }
      fileTargets(workload, container, reported, context);
    }
  }

  /** {@code .log} paths in the command, args and env values, on a writable mount. */
  private void fileTargets(
      Workload workload, Container container, Set<String> reported, RuleContext context) {
    for (String list : new String[] {"command", "args"}) {
      JsonNode items = container.path(list);
      for (int i = 0; i < items.size(); i++) {
        String pointer = container.pointer("/" + list + "/" + i);
        fileTarget(workload, container, items.get(i).asText(""), pointer, reported, context);
      }
    }
    JsonNode env = container.path("env");
    for (int i = 0; i < env.size(); i++) {
      String pointer = container.pointer("/env/" + i + "/value");
      fileTarget(
          workload, container, env.get(i).path("value").asText(""), pointer, reported, context);
    }
  }

  private void fileTarget(
      Workload workload,
      Container container,
      String text,
      String pointer,
      Set<String> reported,
      RuleContext context) {
    Matcher matcher = LOG_FILE.matcher(text);
    while (matcher.find()) {
      String file = matcher.group(1);
      if (file.startsWith("/dev/") || file.startsWith("/proc/")) {
        continue;
      }
      covering(container, file)
          .filter(LogFileRotated::writable)
          .ifPresent(mount -> report(workload, container, mount, pointer, file, reported, context));
    }
  }

  private void report(
      Workload workload,
      Container container,
      JsonNode mount,
      String pointer,
      String path,
      Set<String> reported,
      RuleContext context) {
    String volume = mount.path("name").asText("");
    if (rotated(workload, container, volume) || !reported.add(volume)) {
      return;
    }
    context.report(
        workload.object(),
        pointer,
        subject(workload, container)
            + " writes logs to "
            + path
            + " on volume '"
            + volume
            + "' under a read-only root file system, and no container rotates them: the volume"
            + " fills until the pod is evicted, and the cluster's collector, which reads stdout,"
            + " never sees the lines. Log to stdout, or add a logrotate sidecar that mounts '"
            + volume
            + "'");
  }

  /** Whether another container of the pod mounting {@code volume} is a log rotator. */
  private static boolean rotated(Workload workload, Container writer, String volume) {
    for (Container other : workload.allContainers()) {
      if (other.pointer().equals(writer.pointer())) {
        continue;
      }
      boolean rotator =
          ROTATOR.matcher(other.name()).find()
              || ROTATOR.matcher(other.path("image").asText("")).find();
      if (rotator && mounts(other, volume)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mounts(Container container, String volume) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("name").asText("").equals(volume)) {
        return true;
      }
    }
    return false;
  }

  /** The mount with the longest path that contains {@code file}. */
  private static Optional<JsonNode> covering(Container container, String file) {
    JsonNode best = null;
    int longest = -1;
    for (JsonNode mount : container.path("volumeMounts")) {
      String path = mount.path("mountPath").asText("");
      String prefix = path.endsWith("/") ? path : path + "/";
      if (file.startsWith(prefix) && path.length() > longest) {
        best = mount;
        longest = path.length();
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean writable(JsonNode mount) {
    return !mount.path("readOnly").asBoolean(false);
  }

  private static boolean logLike(String path) {
    for (String segment : path.split("/")) {
      if (LOG_SEGMENT.matcher(segment).matches()) {
        return true;
      }
    }
    return false;
  }
}
