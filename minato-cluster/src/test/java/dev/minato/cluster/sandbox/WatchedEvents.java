package dev.minato.cluster.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What one fabric8 watch received, as "ACTION name value" lines, and how it ended. */
final class WatchedEvents {

  static final Duration LIMIT = Duration.ofSeconds(30);

  final BlockingQueue<String> arriving = new LinkedBlockingQueue<>();
  final List<String> seen = new ArrayList<>();
  final List<Long> versions = new ArrayList<>();
  final CompletableFuture<WatcherException> closed = new CompletableFuture<>();

  <T extends HasMetadata> Watcher<T> watcher() {
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
