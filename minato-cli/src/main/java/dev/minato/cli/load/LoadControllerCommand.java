package dev.minato.cli.load;

import dev.minato.cli.ExitCodes;
import dev.minato.cli.UserError;
import dev.minato.cli.cluster.ClusterOptions;
import dev.minato.cli.cluster.DurationConverter;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.loadtest.ControllerOptions;
import dev.minato.cluster.loadtest.LoadTestController;
import dev.minato.load.resource.ControllerManifests;
import dev.minato.load.store.CredentialSource;
import dev.minato.load.store.Credentials;
import dev.minato.load.store.ObjectStore;
import dev.minato.load.store.S3Location;
import dev.minato.load.store.StoreException;
import dev.minato.load.store.WebIdentity;
import dev.minato.manifest.YamlWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato load controller}: runs LoadTest resources as Indexed Jobs and judges them. */
@Command(
    name = "controller",
    mixinStandardHelpOptions = true,
    description = {
      "Run LoadTests in the cluster and write their merged verdicts into their status.",
      "Each LoadTest (load.minato.dev/v1alpha1) runs as an Indexed Job whose shards begin at",
      "one common instant; when they end, their logs are merged exactly, the SLOs are judged on",
      "the merged result only, and the verdict, the merged percentiles and where the report is",
      "go into the LoadTest's status (conditions Running, Passed, Failed): a ConfigMap, or with",
      "--report-store the URL of its objects in an S3-compatible bucket. A shard that never",
      "starts or fails makes a partial run, which fails and says so. Runs until stopped. With",
      "--manifests, print what runs it in the cluster instead: the CRD, a ServiceAccount,",
      "least-privilege RBAC and a Deployment."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato load controller --manifests --image ghcr.io/acme/minato:0.1 | kubectl apply -f -",
      "  minato load controller --manifests --image ghcr.io/acme/minato:0.1 -n perf -o controller.yaml",
      "  minato load controller --image ghcr.io/acme/minato:0.1 --context staging \\",
      "      --webhook https://hooks.slack.com/services/T000/B000/XXXX",
      "  minato load controller --manifests --image ghcr.io/acme/minato:0.1 \\",
      "      --report-store s3://perf-reports/loadtests --report-store-region eu-west-1",
      "  kubectl -n minato-system create secret generic minato-load-controller-report-store \\",
      "      --from-literal=AWS_ACCESS_KEY_ID=... --from-literal=AWS_SECRET_ACCESS_KEY=...",
      "  minato load controller --manifests --image ghcr.io/acme/minato:0.1 \\",
      "      --report-store s3://perf-reports/loadtests --report-store-region eu-west-1 \\",
      "      --report-store-role-arn arn:aws:iam::123456789012:role/minato-load-reports",
      "  minato load controller --image ghcr.io/acme/minato:0.1 \\",
      "      --report-store s3://reports --report-store-endpoint http://minio.storage:9000",
      "  kubectl annotate loadtest checkout load.minato.dev/shards=4   (before it starts)",
      "  kubectl wait loadtest/checkout --for=condition=Passed --timeout=15m",
      "",
      "Exit codes: 2 invalid input, 3 cluster unreachable or the store's role cannot be assumed;",
      "runs until stopped otherwise."
    })
final class LoadControllerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "IMAGE",
      description =
          "An image with 'minato' on its PATH: the shard pods run it (and the"
              + " Deployment of --manifests).")
  String image;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "Run only this namespace's LoadTests (a Role there); default: every"
              + " namespace (a ClusterRole).")
  String namespace;

  @Option(
      names = "--controller-namespace",
      paramLabel = "NS",
      defaultValue = "minato-system",
      description = "--manifests: where the controller runs (default ${DEFAULT-VALUE}).")
  String controllerNamespace;

  @Option(
      names = "--cpu",
      paramLabel = "CPU",
      defaultValue = "1",
      description =
          "CPU request of each shard pod (default ${DEFAULT-VALUE}); a LoadTest's"
              + " load.minato.dev/cpu annotation overrides it.")
  String cpu;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      defaultValue = "512Mi",
      description =
          "Memory request and limit of each shard pod (default ${DEFAULT-VALUE}); a"
              + " LoadTest's load.minato.dev/memory annotation overrides it.")
  String memory;

  @Option(
      names = "--start-delay",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "How far ahead of the Job's creation the shards' common start time is set:"
              + " time to schedule the pods, pull the image and start (default ${DEFAULT-VALUE}).")
  Duration startDelay;

  @Option(
      names = "--start-grace",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "A shard whose pod has not started this long after the start time never"
              + " started; the run is partial (default ${DEFAULT-VALUE}).")
  Duration startGrace;

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      defaultValue = "${env:MINATO_LOAD_WEBHOOK}",
      description =
          "POST each finished test's summary here as Slack-compatible JSON"
              + " {\"text\": ...} (default: $MINATO_LOAD_WEBHOOK).")
  String webhook;

  @Option(
      names = "--report-store",
      paramLabel = "s3://BUCKET[/PREFIX]",
      description =
          "Write each finished test's HTML, JSON and text reports to this S3-compatible"
              + " bucket (AWS S3, MinIO, Ceph RGW, GCS) under PREFIX/NAMESPACE/NAME/UID/ and"
              + " put their URLs in status.report; the key comes from AWS_ACCESS_KEY_ID,"
              + " AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), else from web identity"
              + " (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE: EKS's IRSA). If an upload fails,"
              + " the report goes to the ConfigMap as without a store, and the condition ReportStored says"
              + " why. Default: ConfigMaps only.")
  String reportStore;

  @Option(
      names = "--report-store-endpoint",
      paramLabel = "URL",
      description =
          "The store's URL, e.g. http://minio.storage:9000 or https://storage.googleapis.com"
              + " (default: AWS, https://s3.REGION.amazonaws.com).")
  String reportStoreEndpoint;

  @Option(
      names = "--report-store-region",
      paramLabel = "REGION",
      description =
          "The region requests are signed for (default: $AWS_REGION, else"
              + " $AWS_DEFAULT_REGION, else us-east-1).")
  String reportStoreRegion;

  @Option(
      names = "--report-store-path-style",
      arity = "0..1",
      paramLabel = "BOOL",
      description =
          "Address the bucket in the path (ENDPOINT/BUCKET/KEY) rather than the host name"
              + " (BUCKET.HOST/KEY); default: true with --report-store-endpoint, else false.")
  Boolean reportStorePathStyle;

  @Option(
      names = "--report-store-role-arn",
      paramLabel = "ARN",
      description =
          "--manifests: write the store as this IAM role through EKS's web identity (IRSA):"
              + " the ServiceAccount is annotated eks.amazonaws.com/role-arn and the Deployment"
              + " reads no key Secret.")
  String reportStoreRoleArn;

  @Option(
      names = "--manifests",
      description = "Print the CRD, ServiceAccount, RBAC and Deployment instead of running.")
  boolean manifests;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "--manifests: write the YAML to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    if (image.isBlank()) {
      throw UserError.invalidInput("--image must name a container image");
    }
    Optional<S3Location> store = reportStoreLocation();
    if (manifests) {
      String yaml =
          YamlWriter.writeAll(
              ControllerManifests.render(
                  new ControllerManifests.Options(
                      controllerNamespace,
                      image,
                      Optional.ofNullable(namespace),
                      store,
                      reportStoreRole())));
      AtomicFiles.writeOrPrint(output, yaml, spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (output != null) {
      throw UserError.invalidInput("-o applies to --manifests only");
    }
    if (reportStoreRoleArn != null) {
      throw UserError.invalidInput(
          "--report-store-role-arn applies to --manifests only: a running controller takes the"
              + " role from AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, as EKS sets them");
    }
    ControllerOptions options =
        new ControllerOptions(
            Optional.ofNullable(namespace),
            image,
            LoadJobCommand.request("--cpu", cpu),
            LoadJobCommand.request("--memory", memory),
            startDelay,
            startGrace,
            webhookUri(),
            store.map(location -> new ObjectStore(location, credentials(), Clock.systemUTC())));
    PrintWriter err = spec.commandLine().getErr();
    LoadTestController controller;
    try {
      controller =
          LoadTestController.start(
              cluster.target(),
              options,
              line -> {
                err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
                err.flush();
              });
    } catch (ClusterException e) {
      throw e.reason() == ClusterException.Reason.INVALID_INPUT
          ? UserError.invalidInput(e.getMessage())
          : UserError.environment(e.getMessage());
    }
    err.println(
        "minato: load controller running for "
            + (namespace == null ? "every namespace" : "namespace " + namespace)
            + "; stop it with Ctrl-C");
    err.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(controller::close, "minato-load-stop"));
    try {
      controller.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private Optional<S3Location> reportStoreLocation() {
    if (reportStore == null) {
      if (reportStoreEndpoint != null
          || reportStoreRegion != null
          || reportStorePathStyle != null
          || reportStoreRoleArn != null) {
        throw UserError.invalidInput(
            "--report-store-endpoint, --report-store-region, --report-store-path-style and"
                + " --report-store-role-arn qualify --report-store; add --report-store"
                + " s3://BUCKET[/PREFIX]");
      }
      return Optional.empty();
    }
    Optional<String> region =
        Optional.ofNullable(reportStoreRegion)
            .or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
            .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")));
    try {
      return Optional.of(
          S3Location.parse(
              reportStore,
              Optional.ofNullable(reportStoreEndpoint),
              region,
              Optional.ofNullable(reportStorePathStyle)));
    } catch (StoreException e) {
      throw UserError.invalidInput(e.getMessage());
    }
  }

  private Optional<String> reportStoreRole() {
    if (reportStoreRoleArn == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(WebIdentity.roleArn(reportStoreRoleArn));
    } catch (StoreException e) {
      throw UserError.invalidInput("--report-store-role-arn " + e.getMessage());
    }
  }

  /**
   * The store's credentials in the AWS SDKs' order: a key in the environment, else web identity
   * (IRSA), whose first exchange is made now so that a missing token file or a role STS refuses
   * stops the controller at start (exit 3) rather than at its first report.
   */
  private static CredentialSource credentials() {
    try {
      CredentialSource source =
          CredentialSource.fromEnvironment(System.getenv(), Clock.systemUTC())
              .orElseThrow(
                  () ->
                      UserError.invalidInput(
                          "--report-store needs credentials: set "
                              + Credentials.ACCESS_KEY_ID
                              + " and "
                              + Credentials.SECRET_ACCESS_KEY
                              + " (in the cluster, the Deployment of --manifests reads them from"
                              + " the Secret "
                              + ControllerManifests.REPORT_STORE_SECRET
                              + "), or "
                              + WebIdentity.ROLE_ARN
                              + " and "
                              + WebIdentity.TOKEN_FILE
                              + " (EKS sets them for a service account annotated"
                              + " eks.amazonaws.com/role-arn)"));
      source.current();
      return source;
    } catch (StoreException e) {
      throw e.reason() == StoreException.Reason.ENVIRONMENT
          ? UserError.environment(e.getMessage())
          : UserError.invalidInput(e.getMessage());
    }
  }

  private Optional<URI> webhookUri() {
    if (webhook == null || webhook.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(webhook);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw UserError.invalidInput(
            "--webhook '" + webhook + "': expected an http:// or https:// URL");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw UserError.invalidInput("--webhook '" + webhook + "' is not a URL: " + e.getReason());
    }
  }
}
