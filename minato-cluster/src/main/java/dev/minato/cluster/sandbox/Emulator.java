package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.YamlWriter;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process Kubernetes API emulator on 127.0.0.1: fabric8's mock server in CRUD mode with
 * minato's extensions ({@link EmulatorDispatcher}). It is an emulator, never a cluster: it stores
 * objects and answers the API, but nothing runs (no scheduler, no controllers, no admission, no
 * schema validation). docs/cluster.md lists exactly what it does and does not check.
 */
public final class Emulator implements AutoCloseable {

  /** The version the emulator reports; its git version says it is an emulator. */
  static final String GIT_VERSION = "v1.31.0-minato-emulator";

  private final KubernetesMockServer server;
  private final EmulatorDispatcher dispatcher;

  private Emulator(KubernetesMockServer server, EmulatorDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
  }

  /** The namespaces every cluster starts with; {@code kube-system}'s UID is its identity. */
  static final List<String> BUILTIN_NAMESPACES =
      List.of("default", "kube-node-lease", "kube-public", "kube-system");

  /** How many changes of each resource a watch can resume from (an API server keeps more). */
  static final int WATCH_HISTORY = 1_000;

  /** Starts an emulator on 127.0.0.1 as a new cluster; port 0 picks a free port. */
  public static Emulator start(int port) {
    return start(port, UUID.randomUUID().toString());
  }

  /**
   * Starts an emulator on 127.0.0.1 that holds what a new cluster holds: the namespaces {@code
   * default}, {@code kube-node-lease}, {@code kube-public} and {@code kube-system}, the last with
   * {@code clusterUid} as its UID. Starting again with the same UID (and port) is the same cluster
   * restarted with its storage lost, which tests of interrupted operations need.
   */
  public static Emulator start(int port, String clusterUid) {
    return start(port, clusterUid, WATCH_HISTORY);
  }

  /** As {@link #start(int, String)}, keeping {@code watchHistory} changes of each resource. */
  static Emulator start(int port, String clusterUid, int watchHistory) {
    // The mock server logs every request at INFO; an emulator serving a CLI must stay quiet.
    Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.WARNING);
    MockWebServer web = new MockWebServer();
    Holder holder = new Holder();
    EmulatorDispatcher dispatcher = new EmulatorDispatcher(holder::forget, watchHistory);
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), web, new HashMap<>(), dispatcher, false);
    holder.server = server;
    server.start(InetAddress.getLoopbackAddress(), port);
    Emulator emulator = new Emulator(server, dispatcher);
    emulator.seed(clusterUid);
    return emulator;
  }

  /** Empties the mock server's request log, which otherwise keeps every request forever. */
  private static final class Holder {
    volatile KubernetesMockServer server;

    void forget() {
      KubernetesMockServer current = server;
      if (current == null) {
        return;
      }
      try {
        while (current.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
          // each dispatch removes what was recorded so far
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void seed(String clusterUid) {
    for (String name : BUILTIN_NAMESPACES) {
      ObjectNode namespace = JsonNodeFactory.instance.objectNode();
      namespace.put("apiVersion", "v1");
      namespace.put("kind", "Namespace");
      ObjectNode metadata = namespace.putObject("metadata");
      metadata.put("name", name);
      metadata.putObject("labels").put("kubernetes.io/metadata.name", name);
      if (name.equals("kube-system")) {
        metadata.put("uid", clusterUid);
      }
      dispatcher.seed("/api/v1/namespaces", namespace);
    }
  }

  /** The UID of this emulator's {@code kube-system} namespace: the cluster's identity. */
  public String clusterUid() {
    return dispatcher.uidOf("/api/v1/namespaces/kube-system");
  }

  public int port() {
    return server.getPort();
  }

  /** The API server URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * Runs the pods of emulated Jobs with {@code runner} from now on (see {@link PodRunner}); without
   * one, they stay Pending.
   */
  public void runPods(PodRunner runner) {
    dispatcher.controllers().runPods(runner);
  }

  /** Calls {@code listener} for every change stored, in order, while the change is stored. */
  public void onChange(Consumer<StoredChange> listener) {
    dispatcher.addListener(listener);
  }

  /**
   * Ends every open watch from the server's side and refuses new ones (HTTP 429) until {@link
   * #resumeWatches()}, as an API server that restarts or sheds load does: clients reconnect and
   * resume from the last version they saw, or list again when it has expired. For tests of what a
   * client does when its watches break.
   */
  public void interruptWatches() {
    dispatcher.watches().interrupt();
  }

  /** Accepts watches again after {@link #interruptWatches()}. */
  public void resumeWatches() {
    dispatcher.watches().resume();
  }

  /** How many watches were answered 410 Expired: a test's proof that its client listed again. */
  int expiredWatches() {
    return dispatcher.watches().expired();
  }

  /** A kubeconfig whose only context, {@code contextName}, points at this emulator. */
  public String kubeconfig(String contextName) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode config = nodes.objectNode();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    ObjectNode cluster = config.putArray("clusters").addObject();
    cluster.put("name", contextName);
    cluster.putObject("cluster").put("server", url());
    ObjectNode user = config.putArray("users").addObject();
    user.put("name", contextName);
    user.putObject("user").put("token", "minato-emulator");
    ObjectNode context = config.putArray("contexts").addObject();
    context.put("name", contextName);
    context
        .putObject("context")
        .put("cluster", contextName)
        .put("user", contextName)
        .put("namespace", "default");
    config.put("current-context", contextName);
    return "# minato sandbox: an in-process API EMULATOR, not a Kubernetes cluster\n"
        + YamlWriter.write(config);
  }

  /** Writes {@link #kubeconfig(String)} to {@code file} atomically. */
  public void writeKubeconfig(Path file, String contextName) throws IOException {
    AtomicFile.writePrivate(file, kubeconfig(contextName));
  }

  static JsonNode versionInfo() {
    ObjectNode version = JsonNodeFactory.instance.objectNode();
    version.put("major", "1");
    version.put("minor", "31");
    version.put("gitVersion", GIT_VERSION);
    version.put("platform", "minato-emulator");
    return version;
  }

  @Override
  public void close() {
    dispatcher.controllers().close();
    dispatcher.close();
    try {
      server.shutdown();
    } catch (java.util.concurrent.RejectedExecutionException alreadyStopped) {
      // fabric8's mock server completes its shutdown on a Vert.x event loop; when that loop has
      // already terminated, the server is down and the completion has nowhere to run.
    }
  }
}
