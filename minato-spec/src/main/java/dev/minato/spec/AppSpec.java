package dev.minato.spec;

import dev.minato.manifest.migration.MigrationPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything about how an app runs, with every default applied: the {@code spec} of a minato.yaml,
 * or that spec with one environment's overrides merged in.
 */
public record AppSpec(
    Image image,
    Runtime runtime,
    WorkloadType type,
    List<String> command,
    List<String> args,
    OptionalInt port,
    Health health,
    Shutdown shutdown,
    Resources resources,
    Optional<Workers> workers,
    Replicas replicas,
    String maxUnavailable,
    Expose expose,
    Map<String, String> env,
    List<String> secretEnv,
    Map<String, String> configFiles,
    Optional<Metrics> metrics,
    Optional<Alerts> alerts,
    MigrationPolicy migration,
    List<ScheduledJob> jobs,
    Security security,
    List<Patch> patches,
    List<ExtraObject> extraObjects,
    List<Container> initContainers,
    List<Container> sidecars,
    List<EnvSource> envFrom,
    List<Volume> volumes,
    Optional<ServiceAccount> serviceAccount,
    Map<String, String> annotations,
    Map<String, String> podAnnotations,
    String secretName,
    Protocol protocol,
    Scheduling scheduling,
    List<ExtraPort> ports,
    List<OneOffJob> oneOffJobs,
    Optional<Logs> logs,
    List<Slo> slos,
    Monitoring monitoring) {

  /** This spec with another exposure (an assigned NodePort, say). */
  public AppSpec withExpose(Expose expose) {
    return new AppSpec(
        image,
        runtime,
        type,
        command,
        args,
        port,
        health,
        shutdown,
        resources,
        workers,
        replicas,
        maxUnavailable,
        expose,
        env,
        secretEnv,
        configFiles,
        metrics,
        alerts,
        migration,
        jobs,
        security,
        patches,
        extraObjects,
        initContainers,
        sidecars,
        envFrom,
        volumes,
        serviceAccount,
        annotations,
        podAnnotations,
        secretName,
        protocol,
        scheduling,
        ports,
        oneOffJobs,
        logs,
        slos,
        monitoring);
  }

  /** True when the app takes traffic on a port: a web app, or a stateful app with a port. */
  public boolean serves() {
    return type.serves(port.isPresent());
  }
}
