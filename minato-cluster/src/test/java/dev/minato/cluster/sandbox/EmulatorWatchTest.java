package dev.minato.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minato.cluster.testing.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Watches on the emulator resume from a resourceVersion as on an API server: the changes since that
 * version in order, then live ones; 410 Expired once the version is older than what is kept, and
 * fabric8's informer then lists again. Everything over loopback through fabric8's client.
 */
class EmulatorWatchTest {

  private static final Duration LIMIT = WatchedEvents.LIMIT;

  private WatchedCluster cluster;
  private Emulator emulator;
  private KubernetesClient client;
  private ConfigMapWrites writes;
  private final List<Watch> watches = new ArrayList<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  /** An emulator keeping {@code history} changes per resource, and a client that retries fast. */
  private void start(int history) {
    start(history, new ConfigBuilder());
  }

  private void start(int history, ConfigBuilder config) {
    cluster = WatchedCluster.start(history, config);
    emulator = cluster.emulator();
    client = cluster.client();
    writes = cluster.writes();
  }

  @AfterEach
  void stop() {
    watches.forEach(Watch::close);
    informers.forEach(SharedIndexInformer::stop);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aWatchFromAnOlderVersionGetsEveryChangeSinceInOrderThenLiveOnes() throws Exception {
    start(Emulator.WATCH_HISTORY);
    writes.create("shop", "one", Map.of(), "a");
    String since = writes.version("shop");
    writes.create("shop", "two", Map.of(), "b");
    writes.setData("shop", "one", "a2");
    writes.delete("shop", "two");
    writes.create("shop", "three", Map.of(), "c");

    WatchedEvents events = watch(client.configMaps().inNamespace("shop"), since);
    assertThat(events.next(4))
        .containsExactly("ADDED two b", "MODIFIED one a2", "DELETED two b", "ADDED three c");
    writes.setData("shop", "three", "c2");
    assertThat(events.next(1)).containsExactly("MODIFIED three c2");
    assertThat(events.versions).isSorted().doesNotHaveDuplicates();
    assertThat(events.versions.get(0)).isGreaterThan(Long.parseLong(since));
  }

  @Test
  void aWatchWithoutVersionGetsWhatIsStoredAsAddedThenLiveChanges() throws Exception {
    start(Emulator.WATCH_HISTORY);
    writes.create("shop", "b", Map.of(), "2");
    writes.create("shop", "a", Map.of(), "1");
    WatchedEvents events = watch(client.configMaps().inNamespace("shop"), null);
    assertThat(events.next(2)).containsExactly("ADDED a 1", "ADDED b 2");
    writes.delete("shop", "a");
    assertThat(events.next(1)).containsExactly("DELETED a 1");
  }

  @Test
  void aFilteredWatchGetsOnlyWhatItsNamespaceNameAndLabelsSeeWithSelectorExitsAsDeletes()
      throws Exception {
    start(Emulator.WATCH_HISTORY);
    String since = writes.version("shop");
    writes.create("shop", "a", Map.of("tier", "web"), "1");
    writes.create("shop", "b", Map.of("tier", "db"), "2");
    writes.create("other", "c", Map.of("tier", "web"), "3");
    writes.relabel("shop", "b", "web");
    writes.relabel("shop", "a", "db");
    writes.setData("other", "c", "3b");
    writes.delete("shop", "b");

    WatchedEvents web =
        watch(client.configMaps().inNamespace("shop").withLabel("tier", "web"), since);
    WatchedEvents named =
        watch(client.configMaps().inNamespace("shop").withField("metadata.name", "a"), since);
    WatchedEvents everywhere = watch(client.configMaps().inAnyNamespace(), since);

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
    writes.create("shop", "d", Map.of("tier", "web"), "4");
    assertThat(web.next(1)).containsExactly("ADDED d 4");
    assertThat(everywhere.next(1)).containsExactly("ADDED d 4");
  }

  @Test
  void changesStoredWhileAWatchReplaysComeOnceEachInOrder() throws Exception {
    start(Emulator.WATCH_HISTORY);
    writes.create("shop", "counter", Map.of(), "0");
    String since = writes.version("shop");
    int changes = 60;
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              for (int n = 1; n <= changes; n++) {
                writes.setData("shop", "counter", String.valueOf(n));
              }
            });
    // Open watches from the same old version while the writer runs: each replays what is stored
    // so far while more is stored.
    List<WatchedEvents> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(watch(client.configMaps().inNamespace("shop"), since));
    }
    writer.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    List<String> expected = new ArrayList<>();
    for (int n = 1; n <= changes; n++) {
      expected.add("MODIFIED counter " + n);
    }
    for (WatchedEvents events : all) {
      assertThat(events.next(changes)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aVersionOlderThanTheHistoryGetsGoneExpired() throws Exception {
    start(4);
    String since = writes.version("shop");
    for (int i = 0; i < 6; i++) {
      writes.create("shop", "cm" + i, Map.of(), String.valueOf(i));
    }
    WatchedEvents expired = watch(client.configMaps().inNamespace("shop"), since);
    WatcherException cause = expired.closed.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(cause.isHttpGone()).as("closed with %s", cause).isTrue();
    assertThat(cause.getMessage()).startsWith("too old resource version: " + since);
    assertThat(expired.seen).isEmpty();

    // Other resources keep their own history: nothing of theirs was dropped.
    WatchedEvents secrets = watch(client.secrets().inNamespace("shop"), since);
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
    WatchedEvents future = watch(client.configMaps().inNamespace("shop"), "999999");
    assertThat(future.closed.get(LIMIT.toSeconds(), TimeUnit.SECONDS).isHttpGone()).isTrue();
    assertThat(emulator.expiredWatches()).isEqualTo(2);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"WebSocket", "HTTP"})
  void anInformerWhoseWatchBrokeResumesAndSeesWhatChangedMeanwhileDeletesIncluded(String transport)
      throws Exception {
    start(
        Emulator.WATCH_HISTORY, new ConfigBuilder().withOnlyHttpWatches(transport.equals("HTTP")));
    writes.create("shop", "kept", Map.of(), "1");
    writes.create("shop", "removed", Map.of(), "2");
    SharedIndexInformer<ConfigMap> informer = informer();
    awaitStore(informer, Set.of("kept=1", "removed=2"));
    // The informer's watch starts after its list: break it only once it is open.
    Eventually.within(LIMIT, "the informer's watch is open", () -> emulator.openedWatches() == 1);

    emulator.interruptWatches();
    writes.delete("shop", "removed");
    writes.setData("shop", "kept", "1b");
    writes.create("shop", "added", Map.of(), "3");
    emulator.resumeWatches();

    awaitStore(informer, Set.of("kept=1b", "added=3"));
    assertThat(emulator.openedWatches()).as("watches opened").isGreaterThan(1);
    assertThat(emulator.streamedWatches())
        .as("watches streamed over HTTP")
        .isEqualTo(transport.equals("HTTP") ? emulator.openedWatches() : 0);
    assertThat(emulator.expiredWatches()).isZero();
  }

  @Test
  void anInformerResumingFromAnExpiredVersionListsAgainAndConverges() throws Exception {
    start(4);
    writes.create("shop", "kept", Map.of(), "1");
    writes.create("shop", "removed", Map.of(), "2");
    SharedIndexInformer<ConfigMap> informer = informer();
    awaitStore(informer, Set.of("kept=1", "removed=2"));

    emulator.interruptWatches();
    Set<String> expected = new TreeSet<>(Set.of("kept=1"));
    writes.delete("shop", "removed");
    for (int i = 0; i < 10; i++) {
      writes.create("shop", "new" + i, Map.of(), String.valueOf(i));
      expected.add("new" + i + "=" + i);
    }
    emulator.resumeWatches();

    awaitStore(informer, expected);
    assertThat(emulator.expiredWatches()).isPositive();
  }

  /**
   * A new watch refused while watches are interrupted fails as a refusal once the client's retries
   * run out (here there are none).
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

  /**
   * The case that once left an informer silently stuck: fabric8 answers a 503 to a WebSocket
   * upgrade by watching over plain HTTP for good, which the emulator answered 406; the informer
   * reported started and never saw a change. Now the HTTP watch is served like any other.
   */
  @Test
  void anInformerWhoseUpgradeWasRefused503WatchesOverHttpAndSeesEveryChange() throws Exception {
    // Without retries of the refused upgrade (fabric8 makes ten, about 20 s, before it falls back).
    start(Emulator.WATCH_HISTORY, new ConfigBuilder().withRequestRetryBackoffLimit(0));
    writes.create("shop", "kept", Map.of(), "1");
    emulator.interruptWatches(503);
    SharedIndexInformer<ConfigMap> informer = informer();
    awaitStore(informer, Set.of("kept=1"));
    writes.create("shop", "early", Map.of(), "2");
    emulator.resumeWatches();

    writes.setData("shop", "kept", "1b");
    writes.create("shop", "late", Map.of(), "3");
    awaitStore(informer, Set.of("kept=1b", "early=2", "late=3"));
    writes.delete("shop", "early");
    awaitStore(informer, Set.of("kept=1b", "late=3"));
    assertThat(emulator.streamedWatches()).as("watches streamed over HTTP").isPositive();
  }

  /**
   * A watch with {@code timeoutSeconds} is ended by the server after that time, and fabric8's watch
   * (the watch manager an informer uses too) reconnects from the last version it saw: every change
   * comes once, in order, across the ends. Writes go on until the server has ended the watch twice,
   * and other writes beside them, so that the client reuses its connections while watches end.
   */
  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"WebSocket", "HTTP"})
  void aWatchEndedAtItsTimeoutIsResumedByFabric8LosingNothing(String transport) throws Exception {
    start(
        Emulator.WATCH_HISTORY, new ConfigBuilder().withOnlyHttpWatches(transport.equals("HTTP")));
    writes.create("shop", "counter", Map.of(), "0");
    WatchedEvents events = new WatchedEvents();
    ListOptions options =
        new ListOptionsBuilder()
            .withResourceVersion(writes.version("shop"))
            .withTimeoutSeconds(1L)
            .build();
    watches.add(client.configMaps().inNamespace("shop").watch(options, events.watcher()));
    // fabric8 opens an HTTP watch after watch() returns.
    Eventually.within(LIMIT, "the watch is opened", () -> emulator.openedWatches() == 1);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Void> others =
        CompletableFuture.runAsync(
            () -> {
              for (int n = 0; !stop.get(); n++) {
                writes.create("other", "o" + n, Map.of(), "x");
              }
            });
    List<String> expected = new ArrayList<>();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    // The first watch, then one after each of two ends.
    while (emulator.openedWatches() < 3) {
      assertThat(System.nanoTime())
          .as("the watch was not ended twice within %s", LIMIT)
          .isLessThan(deadline);
      String value = String.valueOf(expected.size() + 1);
      writes.setData("shop", "counter", value);
      expected.add("MODIFIED counter " + value);
      Thread.sleep(20);
    }
    stop.set(true);
    others.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(events.next(expected.size())).containsExactlyElementsOf(expected);
    assertThat(events.closed).as("the watch itself stays open for its client").isNotDone();
    if (transport.equals("HTTP")) {
      assertThat(emulator.streamedWatches()).isGreaterThanOrEqualTo(3);
    } else {
      assertThat(emulator.streamedWatches()).isZero();
    }
  }

  /**
   * fabric8 takes a bookmark's version as the one to resume from: its watch, whose selector saw
   * none of the changes that pushed its own version out of the history, reconnects after a break
   * without 410 and sees the next change it selects.
   */
  @Test
  void aFabric8WatchResumesFromItsLastBookmarkWhereItsOwnVersionExpired() throws Exception {
    cluster = WatchedCluster.start(4, Duration.ofMillis(100), new ConfigBuilder());
    emulator = cluster.emulator();
    client = cluster.client();
    writes = cluster.writes();
    String since = writes.version("shop");
    WatchedEvents events = new WatchedEvents();
    ListOptions options =
        new ListOptionsBuilder().withResourceVersion(since).withAllowWatchBookmarks(true).build();
    watches.add(
        client
            .configMaps()
            .inNamespace("shop")
            .withLabel("tier", "web")
            .watch(options, events.watcher()));
    for (int i = 0; i < 6; i++) {
      writes.create("shop", "db" + i, Map.of("tier", "db"), String.valueOf(i));
    }
    long latest = Long.parseLong(writes.version("shop"));
    while (!events.versions.contains(latest)) {
      assertThat(events.seen).as("bookmarks until version %s", latest).hasSizeLessThan(300);
      assertThat(events.next(1).get(0)).startsWith("BOOKMARK");
    }

    emulator.interruptWatches();
    emulator.resumeWatches();
    writes.create("shop", "w", Map.of("tier", "web"), "7");
    List<String> after = new ArrayList<>();
    while (!after.contains("ADDED w 7")) {
      assertThat(after).as("events after the break").hasSizeLessThan(300);
      after.addAll(events.next(1));
    }
    assertThat(after)
        .filteredOn(event -> !event.startsWith("BOOKMARK"))
        .containsExactly("ADDED w 7");
    assertThat(emulator.openedWatches()).as("watches opened").isGreaterThan(1);
    assertThat(emulator.expiredWatches()).isZero();
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

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> WatchedEvents watch(
      io.fabric8.kubernetes.client.dsl.Watchable<T> what, String version) {
    WatchedEvents events = new WatchedEvents();
    ListOptions options = new ListOptionsBuilder().withResourceVersion(version).build();
    watches.add(what.watch(options, events.watcher()));
    return events;
  }
}
