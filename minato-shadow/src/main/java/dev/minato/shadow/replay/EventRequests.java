package dev.minato.shadow.replay;

import dev.minato.logs.LogEvent;
import dev.minato.shadow.exchange.Body;
import dev.minato.shadow.exchange.CapturedRequest;
import dev.minato.shadow.exchange.Header;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a log line, read into labelled fields by minato-logs, into the request it records. Each
 * format names the method, target, time and user agent differently:
 *
 * <ul>
 *   <li>nginx combined: {@code request_method}, {@code request_uri}, {@code time_local}, {@code
 *       http_user_agent};
 *   <li>LTSV: {@code method} and {@code uri} (or the request line {@code req}), {@code time},
 *       {@code ua}, as ltsv.org's labels;
 *   <li>ALB: {@code request_method}, {@code request_url} (absolute: its path and query are sent),
 *       {@code time}, {@code user_agent}.
 * </ul>
 *
 * Not thread-safe (it caches the last time read); one per reading thread.
 */
final class EventRequests {

  /** Marks every replayed request, as the proxy marks its mirrors. */
  static final Header SHADOW_MARK = new Header("X-Minato-Shadow", "1");

  private final String methodLabel;
  private final String targetLabel;
  private final String timeLabel;
  private final String agentLabel;
  private final LogTimes times = new LogTimes();

  private EventRequests(String method, String target, String time, String agent) {
    this.methodLabel = method;
    this.targetLabel = target;
    this.timeLabel = time;
    this.agentLabel = agent;
  }

  static EventRequests nginx() {
    return new EventRequests("request_method", "request_uri", "time_local", "http_user_agent");
  }

  static EventRequests ltsv() {
    return new EventRequests("method", "uri", "time", "ua");
  }

  static EventRequests alb() {
    return new EventRequests("request_method", "request_url", "time", "user_agent");
  }

  /** The request, or why the line holds none (the message for a malformed-line count). */
  Result request(long line, LogEvent event) {
    Optional<String> method = event.get(methodLabel);
    Optional<String> target = event.get(targetLabel);
    if ((method.isEmpty() || target.isEmpty()) && event.get("req").isPresent()) {
      String[] words = event.get("req").get().split(" ");
      if (words.length == 3) {
        method = Optional.of(words[0]);
        target = Optional.of(words[1]);
      }
    }
    if (method.isEmpty() || target.isEmpty()) {
      return new Result(
          null,
          "no request: expected the labels '"
              + methodLabel
              + "' and '"
              + targetLabel
              + "'"
              + (event.get("request").map(r -> " (the request was '" + r + "')").orElse("")));
    }
    String path = pathOf(target.get());
    if (!path.startsWith("/") && !path.equals("*")) {
      return new Result(null, "the target '" + target.get() + "' is not a path");
    }
    Optional<Instant> time = Optional.empty();
    Optional<String> timeText = event.get(timeLabel);
    if (timeText.isPresent()) {
      time = times.parse(timeText.get());
      if (time.isEmpty()) {
        return new Result(null, "'" + timeLabel + "' is not a time: '" + timeText.get() + "'");
      }
    }
    List<Header> headers = new ArrayList<>(2);
    event
        .get(agentLabel)
        .filter(agent -> !agent.isEmpty() && !agent.equals("-"))
        .ifPresent(agent -> headers.add(new Header("User-Agent", agent)));
    headers.add(SHADOW_MARK);
    return new Result(
        new LoggedRequest(line, time, new CapturedRequest(method.get(), path, headers, Body.EMPTY)),
        null);
  }

  /** The path and query of an absolute URL ({@code https://host:443/a?b} → {@code /a?b}). */
  static String pathOf(String target) {
    int scheme = target.indexOf("://");
    if (scheme <= 0 || target.startsWith("/")) {
      return target;
    }
    int slash = target.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : target.substring(slash);
  }

  /** A request or the reason there is none. */
  record Result(LoggedRequest request, String problem) {}
}
