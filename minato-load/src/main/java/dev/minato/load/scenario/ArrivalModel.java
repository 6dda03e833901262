package dev.minato.load.scenario;

import dev.minato.load.syntax.DurationFormat;
import dev.minato.load.syntax.Rate;
import java.util.List;

/**
 * How requests arrive. The open model sends on a clock whatever the server does (users arrive
 * independently, as in production); the closed model keeps a fixed number of users, each sending
 * its next request when the previous answer came back (as wrk does).
 */
public sealed interface ArrivalModel {

  /** Requests at {@code rate} per second, or ramping through {@code stages} starting at rate. */
  record Open(Rate rate, List<Stage> stages) implements ArrivalModel {
    public Open {
      stages = List.copyOf(stages);
    }

    public static Open constant(Rate rate) {
      return new Open(rate, List.of());
    }

    @Override
    public String describe() {
      if (stages.isEmpty()) {
        return "open " + rate;
      }
      StringBuilder s = new StringBuilder("open " + rate);
      for (Stage stage : stages) {
        s.append(" -> ")
            .append(stage.rate())
            .append(" in ")
            .append(DurationFormat.format(stage.duration()));
      }
      return s.toString();
    }
  }

  /** {@code concurrency} users, each with its own keep-alive connection. */
  record Closed(int concurrency) implements ArrivalModel {
    public Closed {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be >= 1");
      }
    }

    @Override
    public String describe() {
      return "closed " + concurrency + " connections";
    }
  }

  /** One line for reports: {@code open 500/s}, {@code closed 64 connections}. */
  String describe();
}
