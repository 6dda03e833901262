package dev.minato.load.engine;

import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.scenario.Tls;
import dev.minato.load.stats.Results;
import dev.minato.load.stats.Series;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TmpMutualRepeatTest {
  @Test
  void repeat() throws Exception {
    int bad = 0;
    Path dir = Files.createTempDirectory("mut");
    try (TlsNginx nginx = TlsNginx.start(dir)) {
      for (int i = 0; i < Integer.getInteger("reps", 50); i++) {
        Tls trusted = Tls.trusting(nginx.certificatePem());
        Scenario s =
            Scenario.ofUrl(
                    URI.create("https://localhost:" + nginx.mutualPort() + "/"),
                    new ArrivalModel.Closed(4))
                .withMaxRequests(200)
                .withTimeout(Duration.ofSeconds(10))
                .withTls(trusted);
        LoadRun run = LoadRun.start(s, Shard.WHOLE, Optional.empty(), p -> {});
        Results r = run.await();
        long ok = r.count(Series.STATUS_4XX);
        if (ok != 200) {
          bad++;
          System.out.println(
              "BAD "
                  + i
                  + " 4xx="
                  + ok
                  + " kinds="
                  + r.errorKinds().kinds()
                  + " first="
                  + run.firstConnectFailure()
                  + " provider="
                  + run.tlsProvider());
        }
      }
    }
    System.out.println("BADCOUNT " + bad + " " + System.getProperty("minato.load.tls"));
  }
}
