package dev.minato.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.testing.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Watches on the emulator resume from a resourceVersion as on an API server: the changes since that
 * version in order, then live ones; 410 Expired once the version is older than what is kept, and
 * fabric8's informer then lists again. Everything over loopback through fabric8's client.
 */
class EmulatorWatchTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Emulator emulator;
  private KubernetesClient client;
  private final List<Watch> watches = new ArrayList<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  /** An emulator keeping {@code history} changes per resource, and a client that retries fast. */
  private void start(int history) {
    start(history, new ConfigBuilder());
  }

  private void start(int history, ConfigBuilder config) {
    emulator = Emulator.start(0, UUID.randomUUID().toString(), history);
    client =
        new KubernetesClientBuilder()
            .withConfig(
                config
                    .withMasterUrl(emulator.url())
                    .withWatchReconnectInterval(50)
                    .withRequestTimeout(10_000)
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    watches.forEach(Watch::close);
    informers.forEach(SharedIndexInformer::stop);
    if (client != null) {
      client.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void aWatchFromAnOlderVersionGetsEveryChangeSinceInOrderThenLiveOnes() throws Exception {
    start(Emulator.WATCH_HISTORY);
    create("shop", "one", Map.of(), "a");
    String since = version("shop");
    create("shop", "two", Map.of(), "b");
    setData("shop", "one", "a2");
    delete("shop", "two");
    create("shop", "three", Map.of(), "c");

    Events events = watch(client.configMaps().inNamespace("shop"), since);
    assertThat(events.next(4))
        .containsExactly("ADDED two b", "MODIFIED one a2", "DELETED two b", "ADDED three c");
    setData("shop", "three", "c2");
    assertThat(events.next(1)).containsExactly("MODIFIED three c2");
    assertThat(events.versions).isSorted().doesNotHaveDuplicates();
    assertThat(events.versions.get(0)).isGreaterThan(Long.parseLong(since));
  }

  @Test
  void aWatchWithoutVersionGetsWhatIsStoredAsAddedThenLiveChanges() throws Exception {
    start(Emulator.WATCH_HISTORY);
    create("shop", "b", Map.of(), "2");
    create("shop", "a", Map.of(), "1");
    Events events = watch(client.configMaps().inNamespace("shop"), null);
    assertThat(events.next(2)).containsExactly("ADDED a 1", "ADDED b 2");
    delete("shop", "a");
    assertThat(events.next(1)).containsExactly("DELETED a 1");
  }

  @Test
  void aFilteredWatchGetsOnlyWhatItsNamespaceNameAndLabelsSeeWithSelectorExitsAsDeletes()
      throws Exception {
    start(Emulator.WATCH_HISTORY);
    String since = version("shop");
    create("shop", "a", Map.of("tier", "web"), "1");
    create("shop", "b", Map.of("tier", "db"), "2");
    create("other", "c", Map.of("tier", "web"), "3");
    relabel("shop", "b", "web");
    relabel("shop", "a", "db");
    setData("other", "c", "3b");
    delete("shop", "b");

    Events web = watch(client.configMaps().inNamespace("shop").withLabel("tier", "web"), since);
    Events named =
        watch(client.configMaps().inNamespace("shop").withField("metadata.name", "a"), since);
    Events everywhere = watch(client.configMaps().inAnyNamespace(), since);

    // b joins the selection as ADDED; a leaves it as DELETED, with the version of its relabelling.
    assertThat(web.next(4)).containsExactly("ADDED a 1", "ADDED b 2", "DELETED a 1", "DELETED b 2");
    assertThat(named.next(2)).containsExactly("ADDED a 1", "MODIFIED a 1");
    assertThat(everywhere.next(7))
        .containsExactly(
            "ADDED a 1",
            "ADDED b 2",
            "ADDED c 3",
            "MODIFIED b 2",
            "MODIFIED a 1",
            "MODIFIED c 3b",
            "DELETED b 2");
    assertThat(web.versions.get(2)).isEqualTo(everywhere.versions.get(4));
    create("shop", "d", Map.of("tier", "web"), "4");
    assertThat(web.next(1)).containsExactly("ADDED d 4");
    assertThat(everywhere.next(1)).containsExactly("ADDED d 4");
  }

  @Test
  void changesStoredWhileAWatchReplaysComeOnceEachInOrder() throws Exception {
    start(Emulator.WATCH_HISTORY);
    create("shop", "counter", Map.of(), "0");
    String since = version("shop");
    int writes = 60;
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              for (int n = 1; n <= writes; n++) {
                setData("shop", "counter", String.valueOf(n));
              }
            });
    // Open watches from the same old version while the writer runs: each replays what is stored
    // so far while more is stored.
    List<Events> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(watch(client.configMaps().inNamespace("shop"), since));
    }
    writer.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    List<String> expected = new ArrayList<>();
    for (int n = 1; n <= writes; n++) {
      expected.add("MODIFIED counter " + n);
    }
    for (Events events : all) {
      assertThat(events.next(writes)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aVersionOlderThanTheHistoryGetsGoneExpired() throws Exception {
    start(4);
    String since = version("shop");
    for (int i = 0; i < 6; i++) {
      create("shop", "cm" + i, Map.of(), String.valueOf(i));
    }
    Events expired = watch(client.configMaps().inNamespace("shop"), since);
    WatcherException cause = expired.closed.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(cause.isHttpGone()).as("closed with %s", cause).isTrue();
    assertThat(cause.getMessage()).startsWith("too old resource version: " + since);
    assertThat(expired.seen).isEmpty();

    // Other resources keep their own history: nothing of theirs was dropped.
    Events secrets = watch(client.secrets().inNamespace("shop"), since);
    client
        .secrets()
        .inNamespace("shop")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("key")
                .endMetadata()
                .build())
        .create();
    assertThat(secrets.next(1)).containsExactly("ADDED key");

    // A version the emulator never reached (it restarted and lost its storage) expires too.
    Events future = watch(client.configMaps().inNamespace("shop"), "999999");
    assertThat(future.closed.get(LIMIT.toSeconds(), TimeUnit.SECONDS).isHttpGone()).isTrue();
    assertThat(emulator.expiredWatches()).isEqualTo(2);
  }

  @Test
  void anInformerWhoseWatchBrokeResumesAndSeesWhatChangedMeanwhileDeletesIncluded()
      throws Exception {
    start(Emulator.WATCH_HISTORY);
    create("shop", "kept", Map.of(), "1");
    create("shop", "removed", Map.of(), "2");
    SharedIndexInformer<ConfigMap> informer = informer();
    awaitStore(informer, Set.of("kept=1", "removed=2"));

    emulator.interruptWatches();
    delete("shop", "removed");
    setData("shop", "kept", "1b");
    create("shop", "added", Map.of(), "3");
    emulator.resumeWatches();

    awaitStore(informer, Set.of("kept=1b", "added=3"));
    assertThat(emulator.expiredWatches()).isZero();
  }

  @Test
  void anInformerResumingFromAnExpiredVersionListsAgainAndConverges() throws Exception {
    start(4);
    create("shop", "kept", Map.of(), "1");
    create("shop", "removed", Map.of(), "2");
    SharedIndexInformer<ConfigMap> informer = informer();
    awaitStore(informer, Set.of("kept=1", "removed=2"));

    emulator.interruptWatches();
    Set<String> expected = new TreeSet<>(Set.of("kept=1"));
    delete("shop", "removed");
    for (int i = 0; i < 10; i++) {
      create("shop", "new" + i, Map.of(), String.valueOf(i));
      expected.add("new" + i + "=" + i);
    }
    emulator.resumeWatches();

    awaitStore(informer, expected);
    assertThat(emulator.expiredWatches()).isPositive();
  }

  /**
   * A new watch refused while watches are interrupted fails as a refusal once the client's retries
   * run out (here there are none). The refusal was a 503, which fabric8 answers, for a new
   * WebSocket watch, by falling back for good to an HTTP watch the emulator does not serve: the
   * informer started without error and never saw a change.
   */
  @Test
  void anInformerStartedWhileWatchesAreInterruptedFailsSayingTheyAreRefused() throws Exception {
    start(Emulator.WATCH_HISTORY, new ConfigBuilder().withRequestRetryBackoffLimit(0));
    emulator.interruptWatches();
    SharedIndexInformer<ConfigMap> informer =
        client.configMaps().inNamespace("shop").runnableInformer(0);
    informers.add(informer);
    CompletableFuture<Void> started = informer.start().toCompletableFuture();
    assertThatThrownBy(() -> started.get(LIMIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            refused -> assertThat(refused.getCode()).isEqualTo(429));
  }

  @Test
  void anHttpStreamingWatchIsRefusedSayingWhy() throws Exception {
    start(Emulator.WATCH_HISTORY);
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.url() + "/api/v1/namespaces?watch=true"))
                    .timeout(LIMIT)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(406);
    assertThat(answer.body()).contains("serves watches over WebSocket only");
  }

  private SharedIndexInformer<ConfigMap> informer() throws Exception {
    SharedIndexInformer<ConfigMap> informer =
        client.configMaps().inNamespace("shop").runnableInformer(0);
    informers.add(informer);
    informer.start().toCompletableFuture().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    return informer;
  }

  private static void awaitStore(SharedIndexInformer<ConfigMap> informer, Set<String> expected) {
    Eventually.within(
        LIMIT,
        "the informer's store holds " + expected + " (it holds " + contents(informer) + ")",
        () -> contents(informer).equals(new TreeSet<>(expected)));
  }

  private static Set<String> contents(SharedIndexInformer<ConfigMap> informer) {
    return informer.getStore().list().stream()
        .map(cm -> cm.getMetadata().getName() + "=" + cm.getData().get("v"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private void create(String namespace, String name, Map<String, String> labels, String value) {
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withData(Map.of("v", value))
                .build())
        .create();
  }

  private void setData(String namespace, String name, String value) {
    client
        .configMaps()
        .inNamespace(namespace)
        .withName(name)
        .edit(cm -> new ConfigMapBuilder(cm).withData(Map.of("v", value)).build());
  }

  private void relabel(String namespace, String name, String tier) {
    client
        .configMaps()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            cm ->
                new ConfigMapBuilder(cm)
                    .editMetadata()
                    .withLabels(Map.of("tier", tier))
                    .endMetadata()
                    .build());
  }

  private void delete(String namespace, String name) {
    client.configMaps().inNamespace(namespace).withName(name).delete();
  }

  /** The version a list of {@code namespace}'s ConfigMaps reports: now, as a client sees it. */
  private String version(String namespace) {
    return client.configMaps().inNamespace(namespace).list().getMetadata().getResourceVersion();
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> Events watch(
      io.fabric8.kubernetes.client.dsl.Watchable<T> what, String version) {
    Events events = new Events();
    ListOptions options = new ListOptionsBuilder().withResourceVersion(version).build();
    watches.add(what.watch(options, events.watcher()));
    return events;
  }

  /** What one watch received, as "ACTION name value" lines, and how it ended. */
  private static final class Events {
    final BlockingQueue<String> arriving = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();
    final List<Long> versions = new ArrayList<>();
    final CompletableFuture<WatcherException> closed = new CompletableFuture<>();

    <T extends io.fabric8.kubernetes.api.model.HasMetadata> Watcher<T> watcher() {
      return new Watcher<>() {
        @Override
        public void eventReceived(Action action, T object) {
          String value =
              object instanceof ConfigMap cm && cm.getData() != null
                  ? " " + cm.getData().get("v")
                  : "";
          arriving.add(
              action
                  + " "
                  + object.getMetadata().getName()
                  + value
                  + "@"
                  + object.getMetadata().getResourceVersion());
        }

        @Override
        public void onClose(WatcherException cause) {
          closed.complete(cause);
        }
      };
    }

    /** The next {@code count} events, waiting at most 30 s for each. */
    List<String> next(int count) throws InterruptedException {
      List<String> taken = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String event = arriving.poll(LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (event == null) {
          throw new AssertionError(
              "event "
                  + (i + 1)
                  + " of "
                  + count
                  + " not received within "
                  + LIMIT
                  + "; received "
                  + taken
                  + " after "
                  + seen
                  + (closed.isDone() ? "; the watch closed: " + closed.join() : ""));
        }
        int at = event.lastIndexOf('@');
        versions.add(Long.parseLong(event.substring(at + 1)));
        taken.add(event.substring(0, at));
      }
      seen.addAll(taken);
      return taken;
    }
  }
}
