package dev.minato.cluster.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.cluster.connect.ClusterConnection;
import dev.minato.cluster.connect.ClusterException;
import dev.minato.cluster.connect.ClusterTarget;
import dev.minato.load.resource.LoadTestCrd;
import dev.minato.load.resource.LoadTestStatus;
import dev.minato.load.resource.Notification;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code minato load controller}: runs every LoadTest as an Indexed Job and writes its merged
 * verdict into its status. Built on fabric8's shared informers (the Kubernetes client
 * minato-cluster already has) rather than the Java Operator SDK: three watched kinds and one work
 * queue do not justify a framework and its dependencies. Informers keep caches of LoadTests, the
 * Jobs and the pods it created (watched by label); every change enqueues its LoadTest, and one
 * thread reconciles them one at a time ({@link LoadTestReconciler}), so no two decisions about one
 * test race. A periodic tick re-enqueues running tests, whose deadlines pass without any change to
 * watch.
 */
public final class LoadTestController implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TICK_MILLIS = 1_000;

  private final ScheduledExecutorService worker;
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final SharedIndexInformer<GenericKubernetesResource> tests;
  private final SharedIndexInformer<Job> jobs;
  private final SharedIndexInformer<Pod> pods;
  private final LoadTestReconciler reconciler;
  private KubernetesClient connection;

  private LoadTestController(
      KubernetesClient client, ControllerOptions options, Consumer<String> events) {
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "minato-load-controller");
              thread.setDaemon(true);
              return thread;
            });
    var loadTests = client.genericKubernetesResources(LoadTestResource.CONTEXT);
    var jobClient = client.batch().v1().jobs();
    var podClient = client.pods();
    String label = LoadTestResource.LOADTEST_LABEL;
    if (options.namespace().isPresent()) {
      String namespace = options.namespace().get();
      tests = loadTests.inNamespace(namespace).runnableInformer(0);
      jobs = jobClient.inNamespace(namespace).withLabel(label).runnableInformer(0);
      pods = podClient.inNamespace(namespace).withLabel(label).runnableInformer(0);
    } else {
      tests = loadTests.inAnyNamespace().runnableInformer(0);
      jobs = jobClient.inAnyNamespace().withLabel(label).runnableInformer(0);
      pods = podClient.inAnyNamespace().withLabel(label).runnableInformer(0);
    }
    this.reconciler =
        new LoadTestReconciler(
            client,
            options,
            tests.getStore(),
            options.webhook().map(Notification::new),
            events,
            Clock.systemUTC());
  }

  /** Connects to {@code target} and starts; closing the controller closes the connection. */
  public static LoadTestController start(
      ClusterTarget target, ControllerOptions options, Consumer<String> events)
      throws ClusterException {
    KubernetesClient client = ClusterConnection.connect(target);
    try {
      LoadTestController controller = start(client, options, events);
      controller.connection = client;
      return controller;
    } catch (ClusterException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Starts watching and reconciling; returns once the caches are filled. Fails when the CRD is not
   * installed, since nothing could be watched.
   */
  public static LoadTestController start(
      KubernetesClient client, ControllerOptions options, Consumer<String> events)
      throws ClusterException {
    try {
      if (client.apiextensions().v1().customResourceDefinitions().withName(LoadTestCrd.NAME).get()
          == null) {
        throw ClusterException.invalidInput(
            "the CustomResourceDefinition "
                + LoadTestCrd.NAME
                + " is not installed; install it with 'minato load crd | kubectl apply -f -'");
      }
    } catch (KubernetesClientException e) {
      throw ClusterException.environment(
          "cannot read the CustomResourceDefinition " + LoadTestCrd.NAME + ": " + e.getMessage(),
          e);
    }
    LoadTestController controller = new LoadTestController(client, options, events);
    controller.run();
    return controller;
  }

  private void run() throws ClusterException {
    tests.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource test) {
            enqueue(key(test.getMetadata().getNamespace(), test.getMetadata().getName()));
          }

          @Override
          public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            onAdd(after);
          }

          @Override
          public void onDelete(GenericKubernetesResource test, boolean finalStateUnknown) {
            JsonNode tree = JSON.valueToTree(test);
            worker.execute(() -> reconciler.stop(tree));
          }
        });
    jobs.addEventHandler(ownerEvents());
    pods.addEventHandler(ownerEvents());
    try {
      // Jobs and pods first: a test reconciled before they are cached would look Job-less.
      jobs.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      pods.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      tests.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw ClusterException.environment("cannot watch LoadTests, Jobs and pods: " + e, e);
    }
    worker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** A change to a Job or pod of a LoadTest enqueues that LoadTest. */
  private <T extends io.fabric8.kubernetes.api.model.HasMetadata>
      ResourceEventHandler<T> ownerEvents() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        String owner = object.getMetadata().getLabels().get(LoadTestResource.LOADTEST_LABEL);
        if (owner != null) {
          enqueue(key(object.getMetadata().getNamespace(), owner));
        }
      }

      @Override
      public void onUpdate(T before, T after) {
        onAdd(after);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        onAdd(object);
      }
    };
  }

  private void tick() {
    for (GenericKubernetesResource test : tests.getStore().list()) {
      JsonNode status = JSON.valueToTree(test).path("status");
      String phase = status.path("phase").asText("");
      if (!phase.equals(LoadTestStatus.PASSED) && !phase.equals(LoadTestStatus.FAILED)) {
        enqueue(key(test.getMetadata().getNamespace(), test.getMetadata().getName()));
      }
    }
  }

  private void enqueue(String key) {
    if (queued.add(key)) {
      worker.execute(
          () -> {
            queued.remove(key);
            try {
              reconciler.reconcile(key);
            } catch (RuntimeException e) {
              // One test's surprise must not stop the others; the next tick retries it.
              reconciler.report(key + ": reconcile failed, will retry: " + e);
            }
          });
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** Stops watching; what the cluster holds stays as it is. */
  @Override
  public void close() {
    worker.shutdownNow();
    List.of(tests, jobs, pods).forEach(SharedIndexInformer::stop);
    if (connection != null) {
      connection.close();
    }
  }

  /** Blocks until the controller is closed (the command runs until it is stopped). */
  public void awaitTermination() throws InterruptedException {
    while (!worker.awaitTermination(1, TimeUnit.HOURS)) {
      // a controller runs until stopped
    }
  }

  static ObjectNode tree(Object object) {
    return JSON.valueToTree(object);
  }
}
