package dev.minato.logs.read;

import dev.minato.logs.LogEvent;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * AWS Application Load Balancer access log entries: space-separated fields, some in double quotes,
 * in the order AWS documents them:
 *
 * <pre>
 * type time elb client:port target:port request_processing_time target_processing_time
 * response_processing_time elb_status_code target_status_code received_bytes sent_bytes
 * "request" "user_agent" ssl_cipher ssl_protocol target_group_arn "trace_id" …
 * </pre>
 *
 * <p>Labels are AWS's field names ({@code client:port} as {@code client_port}). The fields up to
 * {@code user_agent} are required; later ones are kept when present, since AWS appends fields over
 * time. As for nginx, a request of three words is also split into {@code request_method}, {@code
 * request_url} (absolute: {@code https://host:443/path?q}) and {@code server_protocol}.
 */
public final class AlbParser implements LineParser {

  private static final List<String> LABELS =
      List.of(
          "type",
          "time",
          "elb",
          "client_port",
          "target_port",
          "request_processing_time",
          "target_processing_time",
          "response_processing_time",
          "elb_status_code",
          "target_status_code",
          "received_bytes",
          "sent_bytes",
          "request",
          "user_agent",
          "ssl_cipher",
          "ssl_protocol",
          "target_group_arn",
          "trace_id",
          "domain_name",
          "chosen_cert_arn",
          "matched_rule_priority",
          "request_creation_time",
          "actions_executed",
          "redirect_url",
          "error_reason",
          "target_port_list",
          "target_status_code_list",
          "classification",
          "classification_reason",
          "conn_trace_id");

  /** Fields up to and including {@code user_agent}. */
  private static final int REQUIRED = 14;

  @Override
  public Reading parse(String raw) {
    String line = LineParser.withoutCarriageReturn(raw);
    LinkedHashMap<String, String> fields = new LinkedHashMap<>(48);
    int at = 0;
    int index = 0;
    int length = line.length();
    while (true) {
      while (at < length && line.charAt(at) == ' ') {
        at++;
      }
      if (at >= length) {
        break;
      }
      int start = at;
      String value;
      if (line.charAt(at) == '"') {
        int close = closingQuote(line, at + 1);
        if (close < 0) {
          return new Reading.Problem(raw, start + 1, "a quoted field is never closed");
        }
        value = line.substring(at + 1, close);
        at = close + 1;
      } else {
        int space = line.indexOf(' ', at);
        at = space < 0 ? length : space;
        value = line.substring(start, at);
      }
      String label = index < LABELS.size() ? LABELS.get(index) : "field_" + (index + 1);
      fields.put(label, value);
      index++;
    }
    if (index < REQUIRED) {
      return new Reading.Problem(
          raw,
          length + 1,
          "expected "
              + LABELS.get(index)
              + " (field "
              + (index + 1)
              + "): an ALB entry has at least "
              + REQUIRED
              + " fields, up to the quoted user agent");
    }
    RequestLine.split(fields.get("request"), "request_url", fields);
    return new Reading.Parsed(new LogEvent(fields));
  }

  private static int closingQuote(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }
}
