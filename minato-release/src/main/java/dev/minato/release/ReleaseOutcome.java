package dev.minato.release;

import dev.minato.release.history.ChangeLog;
import dev.minato.spec.App;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a release did. {@code nothingToDo} means the spec already named the image and nothing was
 * written. Otherwise {@code commit} was made on {@code branch} with {@code message}; {@code before}
 * and {@code after} hold every file the release changed (path relative to the repository, an absent
 * key meaning the file did not exist), for the pull request's diff; {@code app} is the released app
 * as the new spec reads, NodePorts assigned, for checks and a dry run.
 */
public record ReleaseOutcome(
    boolean nothingToDo,
    String appName,
    List<String> environments,
    String oldImage,
    String newImage,
    Optional<String> digest,
    ChangeLog changeLog,
    Optional<String> branch,
    Optional<String> commit,
    String message,
    Map<String, String> before,
    Map<String, String> after,
    Optional<App> app) {

  /** This outcome with the commit the release was recorded in. */
  ReleaseOutcome committed(String hash) {
    return new ReleaseOutcome(
        nothingToDo,
        appName,
        environments,
        oldImage,
        newImage,
        digest,
        changeLog,
        branch,
        Optional.of(hash),
        message,
        before,
        after,
        app);
  }
}
