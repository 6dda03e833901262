package dev.minato.cluster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.AtomicFile;
import dev.minato.manifest.YamlWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An in-process Kubernetes API emulator on 127.0.0.1: fabric8's mock server in CRUD mode with
 * minato's extensions ({@link EmulatorDispatcher}), served by {@link EmulatorServer}. It is an
 * emulator, never a cluster: it stores objects and answers the API, but nothing runs (no scheduler,
 * no controllers, no admission, no schema validation). docs/cluster.md lists exactly what it does
 * and does not check.
 */
public final class Emulator implements AutoCloseable {

  /** The version the emulator reports; its git version says it is an emulator. */
  static final String GIT_VERSION = "v1.31.0-minato-emulator";

  private final EmulatorServer server;
  private final EmulatorDispatcher dispatcher;

  private Emulator(EmulatorServer server, EmulatorDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
  }

  /** The namespaces every cluster starts with; {@code kube-system}'s UID is its identity. */
  static final List<String> BUILTIN_NAMESPACES =
      List.of("default", "kube-node-lease", "kube-public", "kube-system");

  /** How many changes of each resource a watch can resume from (an API server keeps more). */
  static final int WATCH_HISTORY = 1_000;

  /**
   * How often a watch that allows bookmarks gets one: about once a minute, as an API server's watch
   * cache sends them.
   */
  static final Duration BOOKMARK_INTERVAL = Duration.ofMinutes(1);

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
    return start(port, clusterUid, watchHistory, BOOKMARK_INTERVAL);
  }

  /** As {@link #start(int, String, int)}, sending bookmarks every {@code bookmarkInterval}. */
  static Emulator start(int port, String clusterUid, int watchHistory, Duration bookmarkInterval) {
    EmulatorDispatcher dispatcher = new EmulatorDispatcher(watchHistory, bookmarkInterval);
    EmulatorServer server;
    try {
      server = EmulatorServer.start(port, dispatcher);
    } catch (RuntimeException e) {
      dispatcher.close();
      throw e;
    }
    Emulator emulator = new Emulator(server, dispatcher);
    emulator.seed(clusterUid);
    return emulator;
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
    return server.port();
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
   * #resumeWatches()}, as an API server that sheds load does: clients reconnect and resume from the
   * last version they saw, or list again when it has expired. For tests of what a client does when
   * its watches break. fabric8 retries a 429 on the same kind of watch, WebSocket or HTTP.
   */
  public void interruptWatches() {
    interruptWatches(429);
  }

  /**
   * As {@link #interruptWatches()}, refusing new watches with {@code refusal}: 503 is what a client
   * gets from a load balancer in front of a restarting API server, and fabric8 answers a 503 to a
   * WebSocket upgrade by watching over plain HTTP for good.
   */
  void interruptWatches(int refusal) {
    dispatcher.watches().interrupt(refusal);
  }

  /** Accepts watches again after {@link #interruptWatches()}. */
  public void resumeWatches() {
    dispatcher.watches().resume();
  }

  /** How many watches were answered 410 Expired: a test's proof that its client listed again. */
  int expiredWatches() {
    return dispatcher.watches().expired();
  }

  /**
   * How many watches were opened, expired ones included: a test's proof that a client came back.
   */
  int openedWatches() {
    return dispatcher.watches().opened();
  }

  /** How many watches were streamed over plain HTTP: a test's proof of the transport. */
  int streamedWatches() {
    return server.streamed();
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
    try {
      server.close();
    } finally {
      dispatcher.close();
    }
  }
}
