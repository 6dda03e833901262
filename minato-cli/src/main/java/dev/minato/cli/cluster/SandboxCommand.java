package dev.minato.cli.cluster;

import dev.minato.cli.ExitCodes;
import dev.minato.cluster.connect.ClusterConnection;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.cluster.loadtest.InProcessShards;
import dev.minato.cluster.sandbox.Emulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minato sandbox}: serves the API emulator until interrupted. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    header = "Serve a Kubernetes API emulator (not a cluster) on 127.0.0.1.",
    description = {
      "Serves an in-process Kubernetes API EMULATOR on 127.0.0.1 and writes a kubeconfig for it,",
      "so apply, backup, restore and migrate can be tried without a cluster. It is not a cluster:",
      "it stores objects and runs nothing, except the shard pods of LoadTests, which run in this",
      "process on the real load engine when 'minato load controller' is pointed at the sandbox",
      "(see docs/cluster.md for exactly what it emulates)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  minato sandbox --port 6443 --kubeconfig-out /tmp/sandbox.kubeconfig",
      "  minato apply manifests/ --kubeconfig /tmp/sandbox.kubeconfig   (in another terminal)",
      "  minato load crd | kubectl --kubeconfig /tmp/sandbox.kubeconfig apply -f -",
      "  minato load controller --image minato --kubeconfig /tmp/sandbox.kubeconfig",
      "",
      "Runs until interrupted (Ctrl-C). Exit codes: 0 stopped, 3 the port is taken."
    })
public final class SandboxCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port on 127.0.0.1 (default: a free one).")
  int port;

  @Option(
      names = "--kubeconfig-out",
      paramLabel = "FILE",
      required = true,
      description = "Where to write the kubeconfig of the emulator.")
  Path kubeconfigOut;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      defaultValue = "minato-sandbox",
      description = "Context name in that kubeconfig (default: ${DEFAULT-VALUE}).")
  String contextName;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Emulator emulator;
    try {
      emulator = Emulator.start(port);
    } catch (RuntimeException e) {
      err.println("minato: cannot serve the emulator on 127.0.0.1:" + port + ": " + e.getMessage());
      return ExitCodes.ENVIRONMENT;
    }
    try {
      emulator.writeKubeconfig(kubeconfigOut, contextName);
    } catch (IOException e) {
      err.println("minato: cannot write " + kubeconfigOut + ": " + e.getMessage());
      emulator.close();
      return ExitCodes.ENVIRONMENT;
    }
    KubernetesClient shardClient;
    try {
      // The shards read their scenario's ConfigMap through the API, as a pod would.
      shardClient = ClusterConnection.connect(ClusterTarget.of(kubeconfigOut, contextName));
    } catch (ClusterException e) {
      err.println("minato: cannot connect to the emulator just started: " + e.getMessage());
      emulator.close();
      return ExitCodes.ENVIRONMENT;
    }
    emulator.runPods(new InProcessShards(shardClient, Map.of()));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              emulator.close();
              shardClient.close();
              stopped.countDown();
            });
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("minato sandbox: Kubernetes API EMULATOR (not a cluster) at " + emulator.url());
      out.println(
          "  It stores objects and answers the API; no controllers, no admission, no schema");
      out.println("  validation; Deployments report ready at once. No pods run except LoadTest");
      out.println("  shard pods, in this process, once 'minato load controller' points here.");
      out.println("  kubeconfig: " + kubeconfigOut + " (context " + contextName + ")");
      out.println("  try: minato apply DIR --kubeconfig " + kubeconfigOut);
      out.println("Press Ctrl-C to stop.");
      out.flush();
      stopped.await();
      out.println("minato sandbox: stopped");
      out.flush();
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      // Close before restoring the interrupt flag: closing waits for the server to stop.
      emulator.close();
      shardClient.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
      out.println("minato sandbox: stopped");
      out.flush();
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    }
  }
}
