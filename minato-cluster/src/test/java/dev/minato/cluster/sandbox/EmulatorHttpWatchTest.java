package dev.minato.cluster.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches streamed over plain HTTP, as kubectl asks for them and as fabric8 falls back to: the same
 * replay, expiry, selectors and ends as WebSocket watches, read byte by byte from a socket ({@link
 * HttpWatchReader}), and through the real kubectl. Loopback only; every wait is bounded.
 */
class EmulatorHttpWatchTest {

  private static final String CONFIG_MAPS = "/api/v1/namespaces/shop/configmaps";

  private WatchedCluster cluster;
  private Emulator emulator;
  private ConfigMapWrites writes;
  private final List<HttpWatchReader> readers = new ArrayList<>();

  private void start(int history) {
    start(history, Emulator.BOOKMARK_INTERVAL);
  }

  private void start(int history, Duration bookmarkInterval) {
    cluster = WatchedCluster.start(history, bookmarkInterval, new ConfigBuilder());
    emulator = cluster.emulator();
    writes = cluster.writes();
  }

  @AfterEach
  void stop() throws IOException {
    for (HttpWatchReader reader : readers) {
      reader.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anHttpWatchStreamsJsonLinesInChunksTheChangesSinceItsVersionThenLiveOnes() throws Exception {
    start(Emulator.WATCH_HISTORY);
    writes.create("shop", "one", Map.of(), "a");
    String since = writes.version("shop");
    writes.create("shop", "two", Map.of(), "b");
    writes.setData("shop", "one", "a2");
    writes.delete("shop", "two");
    writes.create("shop", "three", Map.of(), "c");

    HttpWatchReader watch = open(CONFIG_MAPS + "?watch=true&resourceVersion=" + since);
    assertThat(watch.status).isEqualTo(200);
    assertThat(watch.headers)
        .containsEntry("content-type", "application/json")
        .containsEntry("transfer-encoding", "chunked");
    assertThat(watch.next(4))
        .containsExactly("ADDED two b", "MODIFIED one a2", "DELETED two b", "ADDED three c");
    writes.setData("shop", "three", "c2");
    assertThat(watch.next(1)).containsExactly("MODIFIED three c2");

    HttpWatchReader fromNow = open(CONFIG_MAPS + "?watch=1");
    assertThat(fromNow.next(2)).containsExactly("ADDED one a2", "ADDED three c2");
    writes.delete("shop", "one");
    assertThat(fromNow.next(1)).containsExactly("DELETED one a2");
    assertThat(watch.next(1)).containsExactly("DELETED one a2");
  }

  @Test
  void anExpiredVersionGetsTheErrorEventAndTheEndOfTheStream() throws Exception {
    start(4);
    String since = writes.version("shop");
    for (int i = 0; i < 6; i++) {
      writes.create("shop", "cm" + i, Map.of(), String.valueOf(i));
    }
    HttpWatchReader watch = open(CONFIG_MAPS + "?watch=true&resourceVersion=" + since);
    assertThat(watch.status).isEqualTo(200);
    assertThat(watch.rest()).containsExactly("ERROR 410 Expired");
    assertThat(emulator.expiredWatches()).isEqualTo(1);
  }

  @Test
  void anHttpWatchSeesWhatItsSelectorsSeeWithExitsAsDeletes() throws Exception {
    start(Emulator.WATCH_HISTORY);
    String since = writes.version("shop");
    writes.create("shop", "a", Map.of("tier", "web"), "1");
    writes.create("shop", "b", Map.of("tier", "db"), "2");
    writes.relabel("shop", "b", "web");
    writes.relabel("shop", "a", "db");

    HttpWatchReader web =
        open(CONFIG_MAPS + "?watch=true&labelSelector=tier%3Dweb&resourceVersion=" + since);
    HttpWatchReader named =
        open(CONFIG_MAPS + "?watch=true&fieldSelector=metadata.name%3Db&resourceVersion=" + since);
    assertThat(web.next(3)).containsExactly("ADDED a 1", "ADDED b 2", "DELETED a 1");
    assertThat(named.next(2)).containsExactly("ADDED b 2", "MODIFIED b 2");
    writes.create("shop", "c", Map.of("tier", "web"), "3");
    writes.setData("shop", "b", "2b");
    assertThat(web.next(2)).containsExactly("ADDED c 3", "MODIFIED b 2b");
    assertThat(named.next(1)).containsExactly("MODIFIED b 2b");
  }

  @Test
  void anInterruptedHttpWatchEndsAndNewOnesAreRefusedUntilWatchesResume() throws Exception {
    start(Emulator.WATCH_HISTORY);
    writes.create("shop", "one", Map.of(), "a");
    HttpWatchReader watch = open(CONFIG_MAPS + "?watch=true");
    assertThat(watch.next(1)).containsExactly("ADDED one a");

    emulator.interruptWatches();
    assertThat(watch.rest()).isEmpty();
    HttpWatchReader refused = open(CONFIG_MAPS + "?watch=true");
    assertThat(refused.status).isEqualTo(429);
    assertThat(refused.body()).contains("the emulator's watches are interrupted");

    emulator.resumeWatches();
    assertThat(open(CONFIG_MAPS + "?watch=true").next(1)).containsExactly("ADDED one a");
  }

  @Test
  void timeoutSecondsEndsAnHttpWatchFromTheServersSide() throws Exception {
    start(Emulator.WATCH_HISTORY);
    writes.create("shop", "one", Map.of(), "a");
    HttpWatchReader watch = open(CONFIG_MAPS + "?watch=true&timeoutSeconds=1");
    assertThat(watch.next(1)).containsExactly("ADDED one a");
    // The reader fails after 30 s of silence: the end must come from the server, at its timeout.
    assertThat(watch.rest()).isEmpty();

    HttpWatchReader invalid = open(CONFIG_MAPS + "?watch=true&timeoutSeconds=soon");
    assertThat(invalid.status).isEqualTo(400);
    assertThat(invalid.body()).contains("invalid timeoutSeconds: soon");
  }

  /**
   * A watch that allows bookmarks gets, every interval, a BOOKMARK of the watched type carrying the
   * latest version: a watch whose selector saw nothing while the history moved on can resume from
   * it, where its own last version has expired. A watch that did not allow them gets none.
   */
  @Test
  void aBookmarkLetsAWatchWhoseSelectorSawNothingResumeWhereItsVersionExpired() throws Exception {
    start(4, Duration.ofMillis(100));
    String since = writes.version("shop");
    String web = CONFIG_MAPS + "?watch=true&labelSelector=tier%3Dweb";
    HttpWatchReader plain = open(web + "&resourceVersion=" + since);
    HttpWatchReader bookmarked = open(web + "&allowWatchBookmarks=true&resourceVersion=" + since);
    for (int i = 0; i < 6; i++) {
      writes.create("shop", "db" + i, Map.of("tier", "db"), String.valueOf(i));
    }
    String latest = writes.version("shop");
    String expected = "BOOKMARK ConfigMap v1 " + latest;
    List<String> bookmarks = new ArrayList<>();
    while (!bookmarks.contains(expected)) {
      assertThat(bookmarks).as("bookmarks until %s", expected).hasSizeLessThan(300);
      bookmarks.addAll(bookmarked.next(1));
    }
    assertThat(bookmarks).allMatch(event -> event.startsWith("BOOKMARK ConfigMap v1 "));

    assertThat(open(web + "&resourceVersion=" + since).rest()).containsExactly("ERROR 410 Expired");
    HttpWatchReader resumed = open(web + "&resourceVersion=" + latest);
    writes.create("shop", "w", Map.of("tier", "web"), "7");
    assertThat(resumed.next(1)).containsExactly("ADDED w 7");
    // Bookmark intervals passed since it opened; still its first event is the change.
    assertThat(plain.next(1)).containsExactly("ADDED w 7");
  }

  /**
   * kubectl's {@code get --watch} lists, then watches over plain HTTP from the list's version; with
   * {@code --output-watch-events -o json} it prints each event as a JSON document.
   */
  @Test
  void kubectlGetWatchPrintsTheObjectsAndTheirChanges(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed");
    start(Emulator.WATCH_HISTORY);
    writes.create("shop", "first", Map.of(), "1");
    Path kubeconfig = dir.resolve("kubeconfig");
    emulator.writeKubeconfig(kubeconfig, "sandbox");
    Process kubectl =
        new ProcessBuilder(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "get",
                "configmaps",
                "--namespace",
                "shop",
                "--watch",
                "--output-watch-events",
                "--output",
                "json",
                "--request-timeout",
                "30s")
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    try {
      BlockingQueue<String> printed = printedEvents(kubectl);
      assertThat(take(printed, 1, dir)).containsExactly("ADDED first 1");
      writes.create("shop", "second", Map.of(), "2");
      writes.setData("shop", "first", "1b");
      writes.delete("shop", "second");
      assertThat(take(printed, 3, dir))
          .containsExactly("ADDED second 2", "MODIFIED first 1b", "DELETED second 2");
      assertThat(emulator.streamedWatches()).isEqualTo(1);
    } finally {
      kubectl.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** kubectl's standard output as event summaries, read on a thread of its own. */
  private static BlockingQueue<String> printedEvents(Process kubectl) {
    BlockingQueue<String> printed = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (MappingIterator<JsonNode> documents =
                  new ObjectMapper()
                      .readerFor(JsonNode.class)
                      .readValues(kubectl.getInputStream())) {
                while (documents.hasNextValue()) {
                  printed.add(HttpWatchReader.summary(documents.nextValue()));
                }
              } catch (IOException | RuntimeException ended) {
                // kubectl was stopped; what it printed is in the queue.
              }
            },
            "kubectl-output");
    reader.setDaemon(true);
    reader.start();
    return printed;
  }

  private static List<String> take(BlockingQueue<String> printed, int count, Path dir)
      throws Exception {
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String event = printed.poll(HttpWatchReader.LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError(
            "kubectl printed no event "
                + (i + 1)
                + " of "
                + count
                + " within "
                + HttpWatchReader.LIMIT
                + "; printed "
                + taken
                + "; its errors: "
                + Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
      }
      taken.add(event);
    }
    return taken;
  }

  private static boolean onPath(String program) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(directory, program))) {
        return true;
      }
    }
    return false;
  }

  private HttpWatchReader open(String target) throws IOException {
    HttpWatchReader reader = HttpWatchReader.open(emulator.port(), target);
    readers.add(reader);
    return reader;
  }
}
