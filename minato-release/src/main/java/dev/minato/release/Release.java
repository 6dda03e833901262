package dev.minato.release;

import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.Suggestions;
import dev.minato.release.edit.ImageEdit;
import dev.minato.release.history.ChangeLog;
import dev.minato.release.registry.ImageFacts;
import dev.minato.release.registry.ImageName;
import dev.minato.release.repository.ManifestRepository;
import dev.minato.render.layout.Layout;
import dev.minato.spec.App;
import dev.minato.spec.AppSpec;
import dev.minato.spec.Environment;
import dev.minato.spec.PlatformMonitoring;
import dev.minato.spec.read.SpecException;
import dev.minato.spec.read.SpecLoader;
import dev.minato.spec.read.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A release into a manifest repository: everything is checked and computed first (a clean work
 * tree, the app and environment, the image in its registry, the edited spec, the regenerated
 * manifests, the change log, a free branch name), so every refusal leaves the repository as it was;
 * only then are the spec and the app's manifests written and committed.
 */
public final class Release {

  private Release() {}

  /** Plans and commits the release: {@link #plan} then {@link #execute}. */
  public static ReleaseOutcome run(ReleaseRequest request) throws ReleaseException {
    ReleasePlan plan = plan(request);
    return plan.outcome().nothingToDo() ? plan.outcome() : execute(plan);
  }

  /**
   * Everything a release will write and commit, computed and checked without writing anything: the
   * caller may check the regenerated manifests or dry-run them before {@link #execute}.
   */
  public static ReleasePlan plan(ReleaseRequest request) throws ReleaseException {
    ImageName image = ImageName.parse(request.image());
    if (request.pinDigest() && request.registry().isEmpty()) {
      throw ReleaseException.invalid(
          "--pin-digest needs the registry to tell the digest; it cannot go with"
              + " --no-verify-image");
    }
    // The repository's checks (opening it, HEAD, the index, the status walk of the whole work
    // tree) are the plan's one long read and share nothing with reading the spec and rendering
    // the app: they run on a second thread meanwhile (a second core, where there is one).
    CompletableFuture<Checked> checked =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Checked.of(request.specs());
              } catch (ReleaseException e) {
                throw new CompletionException(e);
              }
            });
    try {
      return plan(request, image, checked);
    } catch (ReleaseException | RuntimeException e) {
      await(checked); // a refusal of the repository (a dirty work tree, say) is the one to show
      throw e;
    } finally {
      if (checked.isDone() && !checked.isCompletedExceptionally()) {
        checked.join().repository().close();
      }
    }
  }

  /**
   * The repository as a plan found it, proven clean: HEAD's commit and the index (for {@link
   * ManifestRepository#requireUnchangedSince}) and the branch checked out.
   */
  private record Checked(
      ManifestRepository repository, ManifestRepository.State state, String startBranch) {

    /** Opens and checks the repository holding {@code specs}; closes it again on a refusal. */
    static Checked of(Path specs) throws ReleaseException {
      ManifestRepository repository = ManifestRepository.open(specs);
      try {
        Optional<ManifestRepository.Interruption> interrupted = repository.interruption();
        if (interrupted.isPresent()) {
          throw interruptedBefore(interrupted.get());
        }
        // The state is noted before the walk, so a change made during it shows at execute.
        ManifestRepository.State state = repository.state();
        String startBranch = repository.currentBranch();
        repository.requireClean();
        return new Checked(repository, state, startBranch);
      } catch (ReleaseException | RuntimeException e) {
        repository.close();
        throw e;
      }
    }
  }

  /**
   * The plan, while the repository may still be checked on another thread ({@code checked}):
   * reading the spec and rendering the app overlap that. Nothing here writes, and whatever the
   * repository's checks refuse wins over what this found, as if they had run first.
   */
  private static ReleasePlan plan(
      ReleaseRequest request, ImageName image, CompletableFuture<Checked> checked)
      throws ReleaseException {
    List<App> apps = load(request.specs(), request.app());
    App app = find(apps, request.app());
    Optional<String> environment = environment(app, request.environment());
    List<String> affected = affected(app, environment);
    String oldImage = imageOf(app, environment).reference();

    Optional<ImageFacts> facts = Optional.empty();
    if (request.registry().isPresent()) {
      // The repository's refusals come before the registry is asked.
      await(checked);
      facts = Optional.of(request.registry().get().inspect(image));
    }
    String written =
        request.image().strip()
            + (request.pinDigest() && image.digest().isEmpty()
                ? "@" + facts.orElseThrow().digest()
                : "");
    ChangeLog log = ReleaseLog.changeLog(request, oldImage, image, facts);
    if (written.equals(oldImage)) {
      ReleaseOutcome nothing =
          new ReleaseOutcome(
              true,
              app.name(),
              affected,
              oldImage,
              written,
              facts.map(ImageFacts::digest),
              log,
              Optional.empty(),
              Optional.empty(),
              "",
              Map.of(),
              Map.of(),
              Optional.empty());
      return new ReleasePlan(
          nothing,
          request,
          Path.of(app.source().source()),
          "",
          Map.of(),
          Map.of(),
          await(checked).state());
    }

    Path specFile = Path.of(app.source().source());
    String text = read(specFile);
    String edited = ImageEdit.apply(text, app.positions(), environment, written);
    App editedApp = reread(app, edited, environment, written);
    List<App> editedApps = new ArrayList<>(apps);
    editedApps.set(apps.indexOf(app), editedApp);

    AppFiles files = new AppFiles(request.specs(), request.output());
    Layout layout = files.layout(app.name());
    Map<String, String> current = files.onDisk(app.name());
    // The image takes no part in NodePort assignment: one allocation serves before and after.
    // An app without 'nodePort: auto' renders the same whatever the lock says, so the scan of the
    // repository for claims is needed only for one that has it.
    Map<String, Integer> nodePorts =
        AppFiles.assignsNodePort(app) ? files.nodePorts(apps) : Map.of();
    PlatformMonitoring monitoring = files.monitoring();
    if (!AppFiles.render(AppFiles.resolved(apps, app.name(), nodePorts), layout, monitoring)
        .equals(current)) {
      throw ReleaseException.invalid(
          files.output()
              + "/"
              + app.name()
              + " is not what its spec generates now; run 'minato generate' and commit that"
              + " first, so the release changes only the image");
    }
    App released = AppFiles.resolved(editedApps, app.name(), nodePorts);
    Map<String, String> next = AppFiles.render(released, layout, monitoring);

    Checked repository = await(checked);
    String branch =
        request.direct()
            ? repository.startBranch()
            : "release/"
                + app.name()
                + "-"
                + environment.orElse("all")
                + "-"
                + image.tag().orElseGet(() -> image.digest().orElseThrow().substring(7, 19));
    if (!request.direct()) {
      repository.repository().requireNewBranch(branch);
    }
    String message =
        ReleaseLog.message(app.name(), environment, affected, oldImage, written, facts, log);

    Path root = repository.repository().workTree();
    Map<String, String> before = new TreeMap<>();
    Map<String, String> after = new TreeMap<>();
    String specPath = relative(root, specFile);
    before.put(specPath, text);
    after.put(specPath, edited);
    for (String path : union(current.keySet(), next.keySet())) {
      String a = current.get(path);
      String b = next.get(path);
      if (a != null && a.equals(b)) {
        continue;
      }
      String inRepo = relative(root, files.output().resolve(path));
      if (a != null) {
        before.put(inRepo, a);
      }
      if (b != null) {
        after.put(inRepo, b);
      }
    }

    return new ReleasePlan(
        new ReleaseOutcome(
            false,
            app.name(),
            affected,
            oldImage,
            written,
            facts.map(ImageFacts::digest),
            log,
            Optional.of(branch),
            Optional.empty(),
            message,
            before,
            after,
            Optional.of(released)),
        request,
        specFile,
        edited,
        current,
        next,
        repository.state());
  }

  /**
   * Writes the planned spec and manifests and commits them, on a new branch unless the release is
   * direct. The repository is checked again first: HEAD and the index must be as the plan found
   * them, and every file the release writes must still read as the plan read it (the plan proved
   * the whole work tree clean; re-proving only what is written keeps a second status walk away).
   */
  public static ReleaseOutcome execute(ReleasePlan plan) throws ReleaseException {
    ReleaseOutcome outcome = plan.outcome();
    ReleaseRequest request = plan.request();
    try (ManifestRepository repository = ManifestRepository.open(request.specs())) {
      repository.requireUnchangedSince(plan.repository());
      requireUnchanged(repository.workTree(), outcome);
      String branch = outcome.branch().orElseThrow();
      String from = repository.currentBranch();
      if (!request.direct()) {
        repository.requireNewBranch(branch);
        repository.startBranch(branch);
      }
      Set<String> paths = new LinkedHashSet<>(outcome.before().keySet());
      paths.addAll(outcome.after().keySet());
      try {
        try {
          AtomicFile.write(plan.specFile(), plan.specText());
          new AppFiles(request.specs(), request.output()).write(plan.current(), plan.next());
        } catch (IOException e) {
          throw ReleaseException.environment("cannot write the release: " + e.getMessage(), e);
        }
        String commit = repository.commit(paths, outcome.message());
        return outcome.committed(commit);
      } catch (ReleaseException e) {
        throw undo(repository, plan, from, paths, e);
      }
    }
  }

  /**
   * Puts the repository back as the plan found it after the release failed between its first write
   * and its commit (a full disk, a stale {@code index.lock}): the files it wrote get their old text
   * back, what it staged is unstaged, and its branch is removed, so the user is never left on a
   * half-made release branch. Returns the exception to throw, saying whether that worked.
   */
  private static ReleaseException undo(
      ManifestRepository repository,
      ReleasePlan plan,
      String from,
      Set<String> paths,
      ReleaseException failure) {
    ReleaseOutcome outcome = plan.outcome();
    Path root = repository.workTree();
    try {
      for (String path : paths) {
        Path file = root.resolve(path);
        String before = outcome.before().get(path);
        if (before == null) {
          Files.deleteIfExists(file);
        } else if (!Files.exists(file)
            || !Files.readString(file, StandardCharsets.UTF_8).equals(before)) {
          AtomicFile.write(file, before);
        }
      }
      if (!plan.request().direct()) {
        repository.abandonBranch(from, outcome.branch().orElseThrow(), plan.repository());
      }
      if (!repository.state().equals(plan.repository())) {
        repository.unstage(paths);
      }
    } catch (IOException | ReleaseException e) {
      return new ReleaseException(
          failure.kind(),
          failure.getMessage()
              + "; undoing the release failed too ("
              + e.getMessage()
              + "): check 'git status' and 'git branch' before running it again",
          failure);
    }
    return new ReleaseException(
        failure.kind(),
        failure.getMessage() + "; the release was undone, the repository is as it was",
        failure);
  }

  /** The refusal for a repository where an earlier release stopped before committing. */
  private static ReleaseException interruptedBefore(ManifestRepository.Interruption interruption) {
    return ReleaseException.invalid(
        "an earlier 'minato release' stopped before it committed: it checked out "
            + interruption.branch()
            + " (from "
            + interruption.from()
            + ") and may have written some of its files. Undo it with 'git stash"
            + " --include-untracked' (it keeps anything changed since), 'git switch "
            + interruption.from()
            + "' and 'git branch -D "
            + interruption.branch()
            + "', then run the release again");
  }

  /** Fails unless every path the release writes reads as the plan found it (or is still absent). */
  private static void requireUnchanged(Path root, ReleaseOutcome outcome) throws ReleaseException {
    for (String path : union(outcome.before().keySet(), outcome.after().keySet())) {
      Path file = root.resolve(path);
      Optional<String> now;
      try {
        now =
            Files.exists(file)
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                : Optional.empty();
      } catch (IOException e) {
        throw ReleaseException.environment("cannot read " + file + ": " + e.getMessage(), e);
      }
      if (!now.equals(Optional.ofNullable(outcome.before().get(path)))) {
        throw ReleaseException.invalid(
            path
                + " changed while the release was prepared; nothing was written, run the release"
                + " again");
      }
    }
  }

  /** Pushes the release's branch to {@code remote} of the manifest repository. */
  public static void push(ReleaseOutcome outcome, Path specs, String remote)
      throws ReleaseException {
    try (ManifestRepository repository = ManifestRepository.open(specs)) {
      repository.push(remote, outcome.branch().orElseThrow());
    }
  }

  /** Waits for the repository's checks; their refusal is thrown as it is. */
  private static Checked await(CompletableFuture<Checked> checked) throws ReleaseException {
    try {
      return checked.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ReleaseException refusal) {
        throw refusal;
      }
      throw e;
    }
  }

  /**
   * The apps a release of {@code name} needs: only those of the spec files that can define it
   * (reading 500 specs was most of a release's own time), unless the app is not among them (every
   * spec is read then, for the did-you-mean) or it asks for {@code nodePort: auto}, whose
   * assignment looks at every app's claims as generate does.
   */
  private static List<App> load(Path specs, String name) throws ReleaseException {
    List<App> named;
    try {
      named = SpecLoader.loadNamed(List.of(specs), name);
    } catch (SpecException e) {
      throw ReleaseException.invalid(
          "the specs have errors; fix them before releasing:\n" + e.getMessage());
    }
    Optional<App> app = named.stream().filter(a -> a.name().equals(name)).findFirst();
    return app.isPresent() && !AppFiles.assignsNodePort(app.get()) ? named : load(specs);
  }

  private static List<App> load(Path specs) throws ReleaseException {
    try {
      return SpecLoader.load(List.of(specs));
    } catch (SpecException e) {
      throw ReleaseException.invalid(
          "the specs have errors; fix them before releasing:\n" + e.getMessage());
    }
  }

  private static App find(List<App> apps, String name) throws ReleaseException {
    for (App app : apps) {
      if (app.name().equals(name)) {
        return app;
      }
    }
    throw ReleaseException.invalid(
        "no app named '"
            + name
            + "' in the specs"
            + Suggestions.didYouMean(name, apps.stream().map(App::name).toList()));
  }

  /**
   * The environment whose spec is edited, or empty for the base. An app without environments has
   * only {@code default}, which is its base.
   */
  private static Optional<String> environment(App app, Optional<String> requested)
      throws ReleaseException {
    if (requested.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = app.environments().stream().map(Environment::name).toList();
    String name = requested.get();
    if (!names.contains(name)) {
      throw ReleaseException.invalid(
          "app '"
              + app.name()
              + "' has no environment '"
              + name
              + "' (it has "
              + String.join(", ", names)
              + ")"
              + Suggestions.didYouMean(name, names));
    }
    boolean declared = app.positions().exactValue("/environments").isPresent();
    return declared ? Optional.of(name) : Optional.empty();
  }

  /** The environments whose image the release changes: one, or all that inherit the base's. */
  private static List<String> affected(App app, Optional<String> environment) {
    if (environment.isPresent()) {
      return List.of(environment.get());
    }
    String base = app.spec().image().reference();
    return app.environments().stream()
        .filter(e -> e.spec().image().reference().equals(base))
        .map(Environment::name)
        .toList();
  }

  private static dev.minato.spec.Image imageOf(App app, Optional<String> environment) {
    AppSpec spec =
        environment
            .flatMap(
                name -> app.environments().stream().filter(e -> e.name().equals(name)).findFirst())
            .map(Environment::spec)
            .orElse(app.spec());
    return spec.image();
  }

  /** The edited file read again: the edit must leave a valid spec whose image is the new one. */
  private static App reread(App app, String edited, Optional<String> environment, String written)
      throws ReleaseException {
    List<App> apps;
    try {
      apps = SpecReader.read(app.source().source(), edited);
    } catch (SpecException e) {
      throw ReleaseException.invalid(
          "the new image makes the spec invalid; nothing was written:\n" + e.getMessage());
    }
    App edited1 =
        apps.stream()
            .filter(a -> a.name().equals(app.name()))
            .findFirst()
            .orElseThrow(() -> ReleaseException.invalid("editing the spec lost app " + app.name()));
    String now = imageOf(edited1, environment).reference();
    if (!now.equals(dev.minato.spec.Image.parse(written).reference())) {
      throw ReleaseException.invalid(
          app.source().source()
              + ": the edited spec reads image "
              + now
              + ", not "
              + written
              + "; edit it by hand");
    }
    return edited1;
  }

  private static String read(Path file) throws ReleaseException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ReleaseException.environment("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
