package dev.minato.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.minato.cli.CliRun;
import dev.minato.cli.ExitCodes;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class LoadStartAtTest {

  @Test
  void aStartTimeThatIsNotAnInstantIsInvalidInputAndSendsNothing() {
    CliRun run =
        CliRun.of(
            "load",
            "run",
            "http://127.0.0.1:9/",
            "--rate",
            "5/s",
            "--duration",
            "1s",
            "--start-at",
            "tomorrow");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("--start-at 'tomorrow': expected an RFC 3339 UTC instant");
  }

  @Test
  void aRunWaitsForItsStartTimeAndSaysWhenItWasLate() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      Instant soon = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
      long before = System.currentTimeMillis();
      CliRun onTime =
          CliRun.of(
              "load",
              "run",
              url,
              "--requests",
              "3",
              "--rate",
              "100/s",
              "--start-at",
              soon.toString());
      assertThat(onTime.exitCode()).as(onTime.err()).isZero();
      assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(soon.toEpochMilli());
      assertThat(soon.toEpochMilli() - before).isPositive();

      CliRun late =
          CliRun.of(
              "load",
              "run",
              url,
              "--requests",
              "3",
              "--rate",
              "100/s",
              "--start-at",
              "2020-01-01T00:00:00Z");
      assertThat(late.exitCode()).isZero();
      assertThat(late.err()).contains("ms after --start-at 2020-01-01T00:00:00Z");
    } finally {
      server.stop(0);
    }
  }
}
