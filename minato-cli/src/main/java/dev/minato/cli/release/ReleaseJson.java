package dev.minato.cli.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.check.CheckResult;
import dev.minato.cli.cluster.ServerDryRun;
import dev.minato.release.ReleaseOutcome;
import dev.minato.release.history.ChangeLog;
import dev.minato.release.history.Commit;
import java.util.List;
import java.util.Optional;

/** What a release did, as one JSON object for CI (the PR step reads branch and body from it). */
final class ReleaseJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReleaseJson() {}

  static String of(
      ReleaseOutcome outcome,
      Optional<CheckResult> check,
      Optional<ServerDryRun.Result> dryRun,
      boolean pushed) {
    ObjectNode root = JSON.createObjectNode();
    root.put("released", !outcome.nothingToDo());
    root.put("app", outcome.appName());
    outcome.environments().forEach(root.putArray("environments")::add);
    root.put("image", outcome.newImage());
    root.put("previousImage", outcome.oldImage());
    root.put("imageVerified", outcome.digest().isPresent());
    outcome.digest().ifPresent(d -> root.put("digest", d));
    outcome.branch().ifPresent(b -> root.put("branch", b));
    outcome.commit().ifPresent(c -> root.put("commit", c));
    root.put("pushed", pushed);
    ChangeLog log = outcome.changeLog();
    log.oldRevision().ifPresent(r -> root.put("previousRevision", r));
    log.newRevision().ifPresent(r -> root.put("revision", r));
    root.put("rollback", log.rollback());
    log.note().ifPresent(n -> root.put("changeLogNote", n));
    commits(root.putArray("commits"), log.added());
    commits(root.putArray("removedCommits"), log.removed());
    ArrayNode files = root.putArray("files");
    java.util.Set<String> paths = new java.util.TreeSet<>(outcome.before().keySet());
    paths.addAll(outcome.after().keySet());
    paths.forEach(files::add);
    check.ifPresent(c -> root.put("checkFindings", c.findings().size()));
    dryRun.ifPresent(d -> root.put("dryRunSucceeded", d.succeeded()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always writes", e);
    }
  }

  private static void commits(ArrayNode array, List<Commit> commits) {
    for (Commit c : commits) {
      ObjectNode node = array.addObject();
      node.put("hash", c.hash()).put("subject", c.subject()).put("author", c.author());
      c.pullRequest().ifPresent(n -> node.put("pullRequest", n));
    }
  }
}
