package dev.minato.cluster.sandbox;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.UUID;

/** An emulator for the watch tests and a fabric8 client of it that reconnects its watches fast. */
record WatchedCluster(Emulator emulator, KubernetesClient client, ConfigMapWrites writes)
    implements AutoCloseable {

  /** An emulator keeping {@code history} changes per resource; {@code config} sets the rest. */
  static WatchedCluster start(int history, ConfigBuilder config) {
    return start(history, Emulator.BOOKMARK_INTERVAL, config);
  }

  /** As {@link #start(int, ConfigBuilder)}, sending bookmarks every {@code bookmarkInterval}. */
  static WatchedCluster start(int history, Duration bookmarkInterval, ConfigBuilder config) {
    Emulator emulator = Emulator.start(0, UUID.randomUUID().toString(), history, bookmarkInterval);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                config
                    .withMasterUrl(emulator.url())
                    .withWatchReconnectInterval(50)
                    .withRequestTimeout(10_000)
                    .build())
            .build();
    return new WatchedCluster(emulator, client, new ConfigMapWrites(client));
  }

  @Override
  public void close() {
    client.close();
    emulator.close();
  }
}
