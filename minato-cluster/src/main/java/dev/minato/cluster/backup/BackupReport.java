package dev.minato.cluster.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a backup wrote, what it left out on purpose, and what it replaced.
 *
 * @param directory the backup
 * @param index its index
 * @param previous the index of the backup it replaced, if there was one
 * @param ownedSkipped objects left out because another object owns them
 * @param secretsSkipped Secrets left out because {@code --include-secrets} was not given
 */
public record BackupReport(
    Path directory,
    BackupIndex index,
    Optional<BackupIndex> previous,
    int ownedSkipped,
    int secretsSkipped) {

  /** How many lost files {@link #lostSummary} names before it only counts. */
  private static final int NAMED = 5;

  /** The files of the previous backup that this one does not hold, in path order. */
  public List<String> lost() {
    List<String> lost = new ArrayList<>();
    previous.ifPresent(
        old ->
            old.files().keySet().stream()
                .filter(path -> !index.files().containsKey(path))
                .forEach(lost::add));
    return lost;
  }

  /**
   * One sentence on what replacing the previous backup loses ({@code "the previous backup held 12
   * objects, this one holds 9: 3 of its objects are not in it (a, b, c)"}), or empty when nothing
   * is lost.
   */
  public Optional<String> lostSummary() {
    List<String> lost = lost();
    if (lost.isEmpty()) {
      return Optional.empty();
    }
    String named = String.join(", ", lost.subList(0, Math.min(NAMED, lost.size())));
    String more = lost.size() > NAMED ? " and " + (lost.size() - NAMED) + " more" : "";
    return Optional.of(
        "the previous backup held "
            + previous.orElseThrow().total()
            + " objects, this one holds "
            + index.total()
            + ": "
            + lost.size()
            + (lost.size() == 1
                ? " of its objects is not in it ("
                : " of its objects are not in it (")
            + named
            + more
            + ")");
  }
}
