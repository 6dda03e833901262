package dev.minato.cli.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.minato.cli.ExitCodes;
import dev.minato.load.engine.LoadException;
import dev.minato.load.engine.LoadRun;
import dev.minato.load.report.TextReport;
import dev.minato.load.scenario.ArrivalModel;
import dev.minato.load.scenario.Scenario;
import dev.minato.load.scenario.Shard;
import dev.minato.load.slo.Slo;
import dev.minato.load.slo.SloException;
import dev.minato.load.slo.Verdict;
import dev.minato.load.stats.Results;
import dev.minato.load.syntax.Rate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The load part of {@code minato demo}: a short open-model run (2 s at 200/s) against a small HTTP
 * server started on 127.0.0.1 for the purpose, with its report and SLO verdicts.
 */
public final class LoadDemo {

  private static final byte[] BODY = "{\"status\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8);

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK (40 ms on Linux) and every answer takes that long.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final Duration DEMO_TIMEOUT = Duration.ofSeconds(10);

  private LoadDemo() {}

  /** Runs the demo, printing to {@code out}; returns 0, 1 if an SLO failed, 3 on a local error. */
  public static int run(PrintWriter out) {
    HttpServer server;
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    } catch (IOException e) {
      threads.shutdown();
      out.println("load demo: cannot start a local HTTP server: " + e.getMessage());
      return ExitCodes.ENVIRONMENT;
    }
    server.createContext("/", LoadDemo::answer);
    server.setExecutor(threads);
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
      Scenario scenario =
          Scenario.ofUrl(url, ArrivalModel.Open.constant(new Rate(200)))
              .withDuration(Duration.ofSeconds(2))
              // A request only counts as an error (a timeout) after 10 s, not the default 2 s: a
              // machine busy enough to stall this process for seconds would otherwise fail the
              // errors gate for a reason that is the machine's.
              .withTimeout(DEMO_TIMEOUT)
              .withMoreSlos(slos("errors<1%"));
      out.println("load demo: 2s at 200/s against a local server on " + url + " (open model)");
      // The server runs in this JVM on this machine: on a busy machine its latency and the rate
      // reached measure the machine, not the service, so only what the service controls gates.
      out.println(
          "load demo: gated on errors only; latency and rate are shown but not gated, because the"
              + " server shares this process and machine with the generator (a busy machine would"
              + " fail them, not the service); a request is a timeout error only after "
              + DEMO_TIMEOUT.toSeconds()
              + "s, so a machine that stalls this process briefly does not fail the gate either");
      out.flush();
      Results results = LoadRun.start(scenario, Shard.WHOLE, Optional.empty(), p -> {}).await();
      List<Verdict> verdicts = Verdict.evaluate(scenario.slos(), results);
      out.print(TextReport.render(results, verdicts));
      out.flush();
      return Verdict.allPassed(verdicts) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    } catch (LoadException e) {
      out.println("load demo: " + e.getMessage());
      return ExitCodes.ENVIRONMENT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("load demo: interrupted");
      return ExitCodes.ENVIRONMENT;
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  private static void answer(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, BODY.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(BODY);
    }
  }

  private static List<Slo> slos(String... texts) {
    List<Slo> slos = new ArrayList<>();
    for (String text : texts) {
      try {
        slos.add(Slo.parse(text));
      } catch (SloException e) {
        throw new IllegalStateException("the demo's own SLO does not parse: " + text, e);
      }
    }
    return slos;
  }
}
