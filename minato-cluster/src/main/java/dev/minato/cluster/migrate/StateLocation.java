package dev.minato.cluster.migrate;

import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterIdentity;
import dev.minato.manifest.PrivateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where migration states live and which one a run continues. By default one file per pair of
 * clusters and plan: {@code <home>/migrations/<source uid>--<target uid>/<plan hash>.json}, with
 * home {@code $MINATO_STATE_HOME}, else {@code $XDG_STATE_HOME/minato}, else {@code
 * ~/.local/state/minato}. So a finished migration never answers for a new plan (another hash,
 * another file), and an unfinished one is continued, re-planned with what the source holds now.
 */
public final class StateLocation {

  private StateLocation() {}

  /** The default home of minato's state files for this environment. */
  public static Path defaultHome(Map<String, String> env) {
    String own = env.getOrDefault("MINATO_STATE_HOME", "");
    if (!own.isEmpty()) {
      return Path.of(own);
    }
    String xdg = env.getOrDefault("XDG_STATE_HOME", "");
    if (!xdg.isEmpty()) {
      return Path.of(xdg, "minato");
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "minato");
  }

  /** The folder of the migrations between two clusters. */
  public static Path directory(Path home, ClusterIdentity source, ClusterIdentity target) {
    return home.resolve("migrations").resolve(source.key() + "--" + target.key());
  }

  /** The state this run continues, or a new one; nothing is written yet. */
  static MigrationState open(
      MigrationOptions options,
      ClusterIdentity source,
      ClusterIdentity target,
      MigrationPlan plan,
      Consumer<String> progress)
      throws ClusterException {
    String hash = plan.hash();
    if (options.stateFile().isPresent()) {
      return explicit(options.stateFile().get(), source, target, plan, progress);
    }
    Path dir = directory(options.stateHome(), source, target);
    Path file = dir.resolve(hash + ".json");
    if (Files.exists(file)) {
      return MigrationState.load(file, source, target);
    }
    List<MigrationState> unfinished = unfinished(dir, source, target, plan);
    if (unfinished.size() > 1) {
      throw ClusterException.invalidInput(
          "several unfinished migrations between these clusters move some of these objects: "
              + unfinished
              + "; choose one with --state FILE");
    }
    if (unfinished.size() == 1) {
      MigrationState earlier = unfinished.get(0);
      progress.accept(
          "continuing the unfinished migration "
              + earlier
              + ", re-planned with what the source holds now");
      earlier.replan(plan);
      MigrationState moved = earlier.movedTo(file);
      moved.save();
      try {
        Files.delete(earlier.file());
      } catch (IOException e) {
        throw ClusterException.environment(
            "cannot remove the superseded state " + earlier.file() + ": " + e.getMessage(), e);
      }
      return moved;
    }
    createPrivate(dir);
    return MigrationState.fresh(file, source, target, plan);
  }

  private static MigrationState explicit(
      Path file,
      ClusterIdentity source,
      ClusterIdentity target,
      MigrationPlan plan,
      Consumer<String> progress)
      throws ClusterException {
    String hash = plan.hash();
    if (!Files.exists(file)) {
      return MigrationState.fresh(file, source, target, plan);
    }
    MigrationState state = MigrationState.load(file, source, target);
    if (state.plan().equals(hash)) {
      return state;
    }
    if (state.finished()) {
      throw ClusterException.invalidInput(
          file
              + " records a finished migration of another plan ("
              + state.plan()
              + "; the source now plans "
              + hash
              + "): use another --state file, or none (the default location keeps one file"
              + " per plan)");
    }
    progress.accept(
        "continuing the unfinished migration " + state + ", re-planned with what the source holds");
    state.replan(plan);
    return state;
  }

  /**
   * The unfinished migrations between these clusters that move some object of {@code plan}: the
   * same migration, whose plan changed since (objects added, or removed by a removal cut short). A
   * migration of other objects between the same clusters is another migration.
   */
  private static List<MigrationState> unfinished(
      Path dir, ClusterIdentity source, ClusterIdentity target, MigrationPlan plan)
      throws ClusterException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw ClusterException.environment("cannot list " + dir + ": " + e.getMessage(), e);
    }
    List<MigrationState> unfinished = new ArrayList<>();
    for (Path file : files) {
      MigrationState state = MigrationState.load(file, source, target);
      if (!state.finished() && state.overlaps(plan)) {
        unfinished.add(state);
      }
    }
    return unfinished;
  }

  /** State folders minato creates are owner-only: their names and files describe clusters. */
  private static void createPrivate(Path dir) throws ClusterException {
    try {
      PrivateDirectory.createAll(dir);
    } catch (IOException e) {
      throw ClusterException.environment("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }
}
