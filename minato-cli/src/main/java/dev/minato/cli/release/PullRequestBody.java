package dev.minato.cli.release;

import dev.minato.check.CheckResult;
import dev.minato.check.Finding;
import dev.minato.cli.cluster.ServerDryRun;
import dev.minato.manifest.diff.TextDiff;
import dev.minato.release.ReleaseOutcome;
import dev.minato.release.history.ChangeLog;
import dev.minato.release.history.Commit;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pull request's description in Markdown, for reviewers of the manifest repository: what is
 * released, the application commits it brings (or takes out), the manifest diff, the checker's
 * findings on the regenerated output, and the server dry run when one was made.
 */
final class PullRequestBody {

  private PullRequestBody() {}

  static String of(
      ReleaseOutcome outcome,
      CheckResult check,
      Optional<Path> checkConfig,
      Optional<ServerDryRun.Result> dry) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(outcome.message().lines().findFirst().orElse("Release")).append("\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| Image | `").append(outcome.newImage()).append("` |\n");
    md.append("| Was | `").append(outcome.oldImage()).append("` |\n");
    md.append("| Digest | ")
        .append(outcome.digest().map(d -> "`" + d + "`").orElse("not checked (--no-verify-image)"))
        .append(" |\n");
    md.append("| Environments | ").append(String.join(", ", outcome.environments())).append(" |\n");
    ChangeLog log = outcome.changeLog();
    if (log.oldRevision().isPresent() || log.newRevision().isPresent()) {
      md.append("| Revisions | `")
          .append(log.oldRevision().orElse("?"))
          .append("` → `")
          .append(log.newRevision().orElse("?"))
          .append("` |\n");
    }
    md.append('\n');
    commits(md, log);
    md.append("### Manifest diff\n\n```diff\n");
    Set<String> paths = new TreeSet<>(outcome.before().keySet());
    paths.addAll(outcome.after().keySet());
    for (String path : paths) {
      md.append(
          TextDiff.unified(
              outcome.before().containsKey(path) ? "a/" + path : "/dev/null",
              outcome.before().getOrDefault(path, ""),
              outcome.after().containsKey(path) ? "b/" + path : "/dev/null",
              outcome.after().getOrDefault(path, "")));
    }
    md.append("```\n\n");
    md.append("### minato check\n\n")
        .append(
            checkConfig
                .map(file -> "With the configuration in `" + file + "`.\n\n")
                .orElse("With the default configuration (no .minato/check.yaml).\n\n"));
    if (check.findings().isEmpty()) {
      md.append("No findings in the regenerated manifests (")
          .append(check.objects().size())
          .append(" objects, ")
          .append(check.rules().size())
          .append(" rules).\n");
    } else {
      for (Finding f : check.findings()) {
        md.append("- **")
            .append(f.severity().toString().toLowerCase(java.util.Locale.ROOT))
            .append("** `")
            .append(f.ruleId())
            // Check's messages name their object first, as its text report prints them.
            .append("` ")
            .append(f.message())
            .append('\n');
      }
    }
    dry.ifPresent(
        result -> {
          md.append("\n### Server dry run\n\n")
              .append(result.succeeded() ? "Passed.\n\n" : "**Failed.**\n\n")
              .append("```\n");
          result.lines().forEach(line -> md.append(line).append('\n'));
          md.append("```\n");
        });
    return md.toString();
  }

  private static void commits(StringBuilder md, ChangeLog log) {
    if (log.note().isPresent()) {
      md.append("### Commits\n\n").append(log.note().get()).append("\n\n");
      return;
    }
    if (log.rollback()) {
      md.append("### Rollback: commits removed (").append(log.removed().size()).append(")\n\n");
      log.removed().forEach(c -> md.append(item(c)));
    } else {
      md.append("### Commits (").append(log.added().size()).append(")\n\n");
      if (log.added().isEmpty()) {
        md.append("None: both images were built from the same commit.\n");
      }
      log.added().forEach(c -> md.append(item(c)));
      if (log.diverged()) {
        md.append("\nAlso removed (the images diverged):\n\n");
        log.removed().forEach(c -> md.append(item(c)));
      }
    }
    md.append('\n');
  }

  private static String item(Commit c) {
    return "- `"
        + c.shortHash()
        + "` "
        + c.subject()
        + " — "
        + c.author()
        + c.pullRequest().map(n -> " (PR #" + n + ")").orElse("")
        + "\n";
  }
}
