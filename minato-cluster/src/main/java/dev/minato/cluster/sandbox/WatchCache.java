package dev.minato.cluster.sandbox;

import io.fabric8.mockwebserver.crud.AttributeSet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's watches, as an API server's watch cache serves them: the last {@code capacity}
 * changes of each resource (plural) with the version each got, and the open watches. A watch from a
 * version gets every retained change after it that its selector sees, then every later change, in
 * one sequence: the replay and the registration happen under one lock that every change takes too,
 * so nothing falls between them and nothing comes twice. A version older than what is retained gets
 * the API server's answer, an ERROR event with the Status 410 Expired, which tells a client (an
 * informer) to list again.
 *
 * <p>fabric8's mock gives versions from one counter for every kind, raised on each create and each
 * change of content (deletion marks too); the dispatcher gives the changes the mock leaves
 * unversioned (deletes, the emulated status) a new one, so versions increase with every change
 * recorded here and the latest is the version of a list.
 */
final class WatchCache implements AutoCloseable {

  private final int capacity;
  private final Duration bookmarkInterval;
  private final Map<String, Deque<ObjectChange>> retained = new HashMap<>();

  /** Per resource, the version of the newest change dropped: a watch from before it is expired. */
  private final Map<String, Long> dropped = new HashMap<>();

  /** Copied on write: a watch that ends while a change is sent to it leaves during the loop. */
  private final List<EmulatedWatch> open = new CopyOnWriteArrayList<>();

  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(daemon("minato-emulator-watches"));

  /** Ends watches at their timeout; apart from the sender, whose order no timer may disturb. */
  private final ScheduledThreadPoolExecutor timers =
      new ScheduledThreadPoolExecutor(1, daemon("minato-emulator-watch-timeouts"));

  private long latest;

  /** The HTTP status new watches are refused with while interrupted; 0 while they are accepted. */
  private int refusal;

  private int expired;
  private int opened;

  /** {@code bookmarkInterval}: how often a watch that allows bookmarks gets one. */
  WatchCache(int capacity, Duration bookmarkInterval) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a watch cache keeps at least one change: " + capacity);
    }
    this.capacity = capacity;
    this.bookmarkInterval = bookmarkInterval;
    // A watch that ends before its timeout takes its timer with it.
    timers.setRemoveOnCancelPolicy(true);
  }

  /** The version of the latest change: what a list reports as its resourceVersion. */
  synchronized long latest() {
    return latest;
  }

  /** Keeps {@code change} and sends it to every open watch that sees it. */
  synchronized void record(ObjectChange change) {
    if (change.version() <= latest) {
      throw new IllegalStateException(
          "change versions must increase: " + change.version() + " after " + latest);
    }
    latest = change.version();
    Deque<ObjectChange> changes =
        retained.computeIfAbsent(change.resource(), resource -> new ArrayDeque<>());
    changes.addLast(change);
    if (changes.size() > capacity) {
      dropped.put(change.resource(), changes.removeFirst().version());
    }
    for (EmulatedWatch watch : open) {
      if (watch.resource().equals(change.resource())) {
        change.eventFor(watch.query()).ifPresent(watch::send);
      }
    }
  }

  /**
   * A watch of {@code resource} whose selector is {@code query} that first gets {@code initial}
   * (the objects it sees now, as ADDED events: a watch without a version) and then every change.
   */
  synchronized EmulatedWatch openNow(String resource, AttributeSet query, List<String> initial) {
    opened++;
    EmulatedWatch watch = register(resource, query, initial.size());
    initial.forEach(watch::send);
    return watch;
  }

  /**
   * A watch of {@code resource} whose selector is {@code query} that first gets every retained
   * change after {@code version}, or, when those are no longer all retained, the 410 Expired error
   * and the end of the watch. A version newer than the latest (an emulator restarted with its
   * storage lost) is expired too, so that a client lists again rather than wait for it.
   */
  synchronized EmulatedWatch openFrom(String resource, AttributeSet query, long version) {
    opened++;
    long oldest = dropped.getOrDefault(resource, 0L);
    if (version < oldest || version > latest) {
      expired++;
      EmulatedWatch watch = new EmulatedWatch(resource, query, sender, 1, ended -> {});
      String why =
          version > latest
              ? "resource version "
                  + version
                  + " is newer than the latest, "
                  + latest
                  + ": the emulator restarted and lost its storage"
              // The wording of the API server's watch cache.
              : "too old resource version: " + version + " (" + oldest + ")";
      watch.send(ObjectChange.event("ERROR", expiredStatus(why)));
      watch.close();
      return watch;
    }
    EmulatedWatch watch = register(resource, query, capacity);
    for (ObjectChange change : retained.getOrDefault(resource, new ArrayDeque<>())) {
      if (change.version() > version) {
        change.eventFor(query).ifPresent(watch::send);
      }
    }
    return watch;
  }

  /**
   * {@code owed}: the events the watch starts with; as many again may come before it opens. A watch
   * admitted while {@link #interrupt} runs (the dispatcher checks {@link #refusal()} first, outside
   * this lock) is ended at once here, as the interrupt would have ended it, and its client
   * reconnects.
   */
  private EmulatedWatch register(String resource, AttributeSet query, int owed) {
    EmulatedWatch watch = new EmulatedWatch(resource, query, sender, owed + capacity, this::forget);
    if (refusal != 0) {
      watch.close();
      return watch;
    }
    open.add(watch);
    return watch;
  }

  /**
   * Ends {@code watch} from the server's side after {@code timeout}, as an API server ends a watch
   * at its {@code timeoutSeconds}: the events owed by then go out first, and the client resumes
   * from the last version it saw.
   */
  void endAfter(EmulatedWatch watch, Duration timeout) {
    ScheduledFuture<?> timer =
        timers.schedule(watch::close, timeout.toMillis(), TimeUnit.MILLISECONDS);
    watch.whenOver(() -> timer.cancel(false));
  }

  /**
   * Sends {@code watch} a BOOKMARK every interval, as an API server does to a client that allows
   * them: an object of the watched type ({@code apiVersion} and {@code kind}; empty when the type
   * is not announced) carrying only the latest version. Sent under this cache's lock, after every
   * change up to that version, so a client that resumes from it misses nothing, and a watch whose
   * selector saw no change for long resumes from a recent version instead of an expired one.
   */
  void bookmarkEvery(EmulatedWatch watch, String apiVersion, String kind) {
    long every = bookmarkInterval.toMillis();
    ScheduledFuture<?> timer =
        timers.scheduleAtFixedRate(
            () -> bookmark(watch, apiVersion, kind), every, every, TimeUnit.MILLISECONDS);
    watch.whenOver(() -> timer.cancel(false));
  }

  private synchronized void bookmark(EmulatedWatch watch, String apiVersion, String kind) {
    String type =
        kind.isEmpty() ? "" : "\"kind\":\"" + kind + "\",\"apiVersion\":\"" + apiVersion + "\",";
    watch.send(
        ObjectChange.event(
            "BOOKMARK", "{" + type + "\"metadata\":{\"resourceVersion\":\"" + latest + "\"}}"));
  }

  private synchronized void forget(EmulatedWatch watch) {
    open.remove(watch);
  }

  /**
   * Ends every open watch and refuses new ones with the HTTP status {@code refusal} until {@link
   * #resume()}, as an API server that is restarting or overloaded does.
   */
  void interrupt(int refusal) {
    if (refusal < 400) {
      throw new IllegalArgumentException("a refusal is an HTTP error status: " + refusal);
    }
    List<EmulatedWatch> ending;
    synchronized (this) {
      this.refusal = refusal;
      ending = List.copyOf(open);
    }
    ending.forEach(EmulatedWatch::close);
  }

  synchronized void resume() {
    refusal = 0;
  }

  /** The status new watches are refused with, or 0 when they are accepted. */
  synchronized int refusal() {
    return refusal;
  }

  /** How many watches were opened, expired ones included. */
  synchronized int opened() {
    return opened;
  }

  /** How many watches were answered 410 Expired. */
  synchronized int expired() {
    return expired;
  }

  private static String expiredStatus(String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\""
        + message
        + "\",\"reason\":\"Expired\",\"code\":410}";
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    timers.shutdownNow();
    sender.shutdown();
  }
}
