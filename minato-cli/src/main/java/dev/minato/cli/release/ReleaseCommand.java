package dev.minato.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minato.check.CheckResult;
import dev.minato.check.Checker;
import dev.minato.check.config.CheckConfig;
import dev.minato.check.config.CheckConfigReader;
import dev.minato.check.rules.Catalog;
import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.cluster.ServerDryRun;
import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.Document;
import dev.minato.manifest.KubeObject;
import dev.minato.manifest.ManifestException;
import dev.minato.manifest.YamlReader;
import dev.minato.release.Release;
import dev.minato.release.ReleaseException;
import dev.minato.release.ReleaseOutcome;
import dev.minato.release.ReleasePlan;
import dev.minato.release.ReleaseRequest;
import dev.minato.release.registry.Credentials;
import dev.minato.release.registry.RegistryClient;
import dev.minato.render.layout.FlatLayout;
import dev.minato.spec.App;
import dev.minato.spec.Environment;
import dev.minato.spec.read.SpecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minato release}: an image into a manifest repository, as a reviewed git change. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = {
      "Release an image of an app: prove it exists in its registry, set it in the app's spec",
      "(keeping comments and quoting), regenerate that app's manifests as 'minato generate'",
      "would, and commit both on a branch release/<app>-<env>-<tag> with the application",
      "commits the new image brings as the message. Run it in the manifest repository.",
      "Nothing is written when anything is refused (exit 2), the image is missing (exit 1)",
      "or the registry cannot be reached (exit 3)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato release shop-api --env prd --image registry.example.com/shop/api:2.8.0 \\",
      "      --app-repo ../shop-api --pr-body pr.md --push",
      "  minato release shop-api --env dev --image registry.example.com/shop/api:2.8.0 --direct",
      "  minato release shop-api --base --image registry.example.com/shop/api:2.8.0 --pin-digest",
      "",
      "See docs/release.md."
    })
public final class ReleaseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "APP", description = "The app (metadata.name) to release.")
  String app;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  /** Where the image goes: one environment, or the base every environment inherits. */
  static final class Target {
    @Option(
        names = "--env",
        paramLabel = "ENV",
        description = "The environment whose image changes (environments.<ENV>.image).")
    String environment;

    @Option(
        names = "--base",
        description = "Change spec.image, the image of every environment that sets none.")
    boolean base;
  }

  @Option(
      names = "--image",
      required = true,
      paramLabel = "REF",
      description = "The image to release, with a tag or a digest.")
  String image;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "DIR",
      description = "Where the specs are, as for generate (default: .).")
  Path specs = Path.of(".");

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "generate's output directory in this repository (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("manifests");

  @Option(names = "--pin-digest", description = "Write tag@sha256:… as the registry resolves it.")
  boolean pinDigest;

  @Option(
      names = "--no-verify-image",
      description =
          "Do not ask the registry (offline, air-gapped): the image is NOT proven to exist, and"
              + " the commit message says so.")
  boolean noVerify;

  @Option(
      names = "--plain-http",
      paramLabel = "HOST",
      description = "A registry (host:port) reached over plain HTTP, e.g. a local test registry.")
  Set<String> plainHttp = Set.of();

  @Option(
      names = "--registry-auth",
      paramLabel = "FILE",
      description =
          "Registry logins in Docker's config.json format (default: $DOCKER_CONFIG/config.json,"
              + " else ~/.docker/config.json).")
  Path registryAuth;

  @Option(
      names = "--app-repo",
      paramLabel = "DIR",
      description = "The app's git repository, for the commits between the old and new image.")
  Path appRepository;

  @Option(
      names = "--tag-map",
      paramLabel = "FILE",
      description = "YAML map of image tag to app commit, for images without a revision label.")
  Path tagMap;

  @Option(
      names = "--direct",
      description = "Commit on the current branch (development environments) instead of a new one.")
  boolean direct;

  @Option(names = "--push", description = "Push the release branch to --remote.")
  boolean push;

  @Option(
      names = "--remote",
      paramLabel = "NAME",
      description = "The remote --push uses (default: ${DEFAULT-VALUE}).")
  String remote = "origin";

  @Option(
      names = "--pr-body",
      paramLabel = "FILE",
      description = "Write the pull request's description (Markdown) to FILE.")
  Path prBody;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Dry-run the released manifests against this cluster (server side).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Context of --kubeconfig.")
  String context;

  @Option(names = "--json", description = "Print what was done as JSON, for CI.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<Path> checkFile = CheckConfigReader.find(specs);
      CheckConfig checkConfig = checkConfig(checkFile);
      ReleasePlan plan = Release.plan(request());
      ReleaseOutcome planned = plan.outcome();
      if (planned.nothingToDo()) {
        if (json) {
          out.println(ReleaseJson.of(planned, Optional.empty(), Optional.empty(), false));
        } else {
          out.println(
              "Nothing to do: "
                  + planned.appName()
                  + " already runs "
                  + planned.newImage()
                  + " in "
                  + String.join(", ", planned.environments()));
        }
        return ExitCodes.OK;
      }
      App released = planned.app().orElseThrow();
      List<KubeObject> objects = objects(released, planned.environments(), err);
      CheckResult check = new Checker(Clock.systemUTC()).check(objects, checkConfig);
      Optional<ServerDryRun.Result> dryRun =
          kubeconfig == null
              ? Optional.empty()
              : Optional.of(
                  ServerDryRun.of(
                      kubeconfig,
                      context,
                      objects,
                      inventory(released.name(), planned.environments())));
      ReleaseOutcome outcome = Release.execute(plan);
      if (prBody != null) {
        try {
          AtomicFile.write(
              prBody, PullRequestBody.of(outcome, check, checkFile.map(this::shown), dryRun));
        } catch (IOException e) {
          throw UserError.environment("cannot write " + prBody + ": " + e.getMessage());
        }
      }
      if (push) {
        Release.push(outcome, specs, remote);
      }
      if (json) {
        out.println(ReleaseJson.of(outcome, Optional.of(check), dryRun, push));
      } else {
        summary(out, outcome, check, dryRun);
      }
      return ExitCodes.OK;
    } catch (ReleaseException e) {
      return switch (e.kind()) {
        case INVALID -> throw UserError.invalidInput(e.getMessage());
        case ENVIRONMENT -> throw UserError.environment(e.getMessage());
        case IMAGE_MISSING -> {
          err.println("minato: " + e.getMessage());
          err.println("minato: nothing was released");
          yield ExitCodes.CHECK_FAILED;
        }
      };
    }
  }

  private ReleaseRequest request() throws ReleaseException {
    Optional<RegistryClient> registry =
        noVerify ? Optional.empty() : Optional.of(new RegistryClient(credentials(), plainHttp));
    return new ReleaseRequest(
        specs,
        output,
        app,
        target.base ? Optional.empty() : Optional.of(target.environment),
        image,
        pinDigest,
        registry,
        Optional.ofNullable(appRepository),
        readTagMap(),
        direct);
  }

  private Credentials credentials() throws ReleaseException {
    String dockerConfig = System.getenv("DOCKER_CONFIG");
    Path standard =
        dockerConfig != null
            ? Path.of(dockerConfig, "config.json")
            : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    Credentials defaults = Credentials.read(standard);
    return registryAuth == null ? defaults : Credentials.read(registryAuth).or(defaults);
  }

  /**
   * The check configuration {@code minato check} would use in the manifest repository: the nearest
   * {@code .minato/check.yaml} from the specs upward, so the PR shows the findings the team's own
   * gate reports. A broken one is refused before anything is written.
   */
  private static CheckConfig checkConfig(Optional<Path> file) {
    if (file.isEmpty()) {
      return CheckConfig.defaults();
    }
    try {
      return new CheckConfigReader(Catalog.ids()).read(file.get());
    } catch (ManifestException e) {
      throw UserError.invalidInput(e.located() + "\nnothing was released");
    }
  }

  /** {@code file} as the PR shows it: relative to the specs' folder when it is below it. */
  private Path shown(Path file) {
    Path base = specs.toAbsolutePath().normalize();
    return file.startsWith(base) ? base.relativize(file) : file;
  }

  private Map<String, String> readTagMap() {
    if (tagMap == null) {
      return Map.of();
    }
    List<Document> documents;
    try {
      documents = YamlReader.read(tagMap);
    } catch (ManifestException e) {
      throw UserError.invalidInput(e.located());
    }
    Map<String, String> map = new LinkedHashMap<>();
    JsonNode root = documents.isEmpty() ? null : documents.get(0).root();
    if (root == null || !root.isObject()) {
      throw UserError.invalidInput(
          tagMap + ":1:1: --tag-map: expected a mapping of image tag to commit (1.4.2: 3f2a9c1)");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isValueNode() || entry.getValue().asText().isBlank()) {
        throw UserError.invalidInput(
            documents.get(0).positions().value("/" + entry.getKey())
                + ": --tag-map: "
                + entry.getKey()
                + ": expected a commit hash");
      }
      map.put(entry.getKey(), entry.getValue().asText());
    }
    return map;
  }

  /** The released environments' objects as generate renders them, for check and the dry run. */
  private static List<KubeObject> objects(App app, List<String> environments, PrintWriter err) {
    List<KubeObject> objects = new ArrayList<>();
    for (Environment env : app.environments()) {
      if (!environments.contains(env.name())) {
        continue;
      }
      try {
        FlatLayout.objects(app, env)
            .forEach(o -> objects.add(KubeObject.synthetic(o, app.source())));
      } catch (SpecException e) {
        e.errors().forEach(err::println);
        throw UserError.invalidInput("the released spec does not render; nothing was written");
      }
    }
    return objects;
  }

  /** The dry run's inventory name: the app and environment, cut to a DNS label of 40. */
  private static String inventory(String app, List<String> environments) {
    String name = app + (environments.size() == 1 ? "-" + environments.get(0) : "");
    return name.length() <= 40 ? name : name.substring(0, 40).replaceAll("-+$", "");
  }

  private void summary(
      PrintWriter out,
      ReleaseOutcome outcome,
      CheckResult check,
      Optional<ServerDryRun.Result> dryRun) {
    out.println(
        "Released "
            + outcome.appName()
            + " "
            + outcome.newImage()
            + " to "
            + String.join(", ", outcome.environments())
            + " (was "
            + outcome.oldImage()
            + ")");
    out.println(
        outcome
            .digest()
            .map(d -> "Image found in its registry: " + d)
            .orElse("Image NOT checked in its registry (--no-verify-image)"));
    out.println(
        (direct ? "Committed on " : "Committed on new branch ")
            + outcome.branch().orElseThrow()
            + ": "
            + outcome.commit().orElseThrow().substring(0, 12));
    Set<String> paths = new java.util.TreeSet<>(outcome.before().keySet());
    paths.addAll(outcome.after().keySet());
    paths.forEach(p -> out.println("  " + p));
    outcome.changeLog().lines().forEach(line -> out.println(line));
    out.println(
        "minato check: "
            + check.findings().size()
            + (check.findings().size() == 1 ? " finding" : " findings")
            + " in the regenerated manifests");
    check.findings().forEach(f -> out.println("  " + f.ruleId() + " " + f.message()));
    dryRun.ifPresent(r -> out.println("Server dry run: " + (r.succeeded() ? "passed" : "FAILED")));
    if (prBody != null) {
      out.println("Wrote the pull request description to " + prBody);
    }
    if (push) {
      out.println("Pushed " + outcome.branch().orElseThrow() + " to " + remote);
    }
  }
}
