package dev.minato.release;

import dev.minato.release.history.AppHistory;
import dev.minato.release.history.ChangeLog;
import dev.minato.release.registry.ImageFacts;
import dev.minato.release.registry.ImageName;
import java.util.List;
import java.util.Optional;

/** The release's change log and its commit message. */
final class ReleaseLog {

  private ReleaseLog() {}

  /**
   * The commits between the old and the new image: their revisions come from the tag map or the
   * images' revision labels, the commits from the app repository. What is missing is said.
   */
  static ChangeLog changeLog(
      ReleaseRequest request, String oldImage, ImageName image, Optional<ImageFacts> facts)
      throws ReleaseException {
    Optional<String> newRevision =
        image.tag().map(request.tagMap()::get).or(() -> facts.flatMap(ImageFacts::revision));
    Optional<String> oldRevision = oldRevision(request, oldImage);
    if (request.appRepository().isEmpty()) {
      return ChangeLog.unknown(
          oldRevision, newRevision, "Commits not listed: no --app-repo was given.");
    }
    if (oldRevision.isEmpty() || newRevision.isEmpty()) {
      return ChangeLog.unknown(
          oldRevision,
          newRevision,
          "Commits not listed: the "
              + (newRevision.isEmpty() ? "new" : "old")
              + " image has no "
              + ImageFacts.REVISION_LABEL
              + " label and no --tag-map entry.");
    }
    return AppHistory.between(request.appRepository().get(), oldRevision.get(), newRevision.get());
  }

  private static Optional<String> oldRevision(ReleaseRequest request, String oldImage)
      throws ReleaseException {
    ImageName old;
    try {
      old = ImageName.parse(oldImage);
    } catch (ReleaseException e) {
      return Optional.empty();
    }
    Optional<String> mapped = old.tag().map(request.tagMap()::get);
    if (mapped.isPresent() || request.registry().isEmpty() || request.appRepository().isEmpty()) {
      return mapped;
    }
    try {
      return request.registry().get().inspect(old).revision();
    } catch (ReleaseException e) {
      if (e.kind() == ReleaseException.Kind.IMAGE_MISSING) {
        // The running image may be gone from the registry; the log then says it cannot list.
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The commit message: a subject, the images, and the change log. */
  static String message(
      String app,
      Optional<String> environment,
      List<String> affected,
      String oldImage,
      String newImage,
      Optional<ImageFacts> facts,
      ChangeLog log) {
    StringBuilder text = new StringBuilder();
    String tag = tagOf(newImage);
    text.append("Release ")
        .append(app)
        .append(' ')
        .append(tag)
        .append(" to ")
        .append(environment.orElse("all environments"));
    if (log.rollback()) {
      text.append(" (rollback)");
    }
    text.append("\n\n");
    text.append("Image: ").append(newImage).append('\n');
    text.append("Was:   ").append(oldImage).append('\n');
    if (environment.isEmpty()) {
      text.append("Environments: ").append(String.join(", ", affected)).append('\n');
    }
    if (facts.isEmpty()) {
      text.append("Registry: not checked (--no-verify-image)\n");
    }
    log.oldRevision().ifPresent(r -> text.append("From:  ").append(r).append('\n'));
    log.newRevision().ifPresent(r -> text.append("To:    ").append(r).append('\n'));
    text.append('\n');
    log.lines().forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  /** The tag a reference is known by in messages, or the start of its digest. */
  private static String tagOf(String reference) {
    dev.minato.spec.Image image = dev.minato.spec.Image.parse(reference);
    return image
        .tag()
        .orElseGet(
            () ->
                image
                    .digest()
                    .map(d -> d.substring(0, Math.min(19, d.length())))
                    .orElse(reference));
  }
}
