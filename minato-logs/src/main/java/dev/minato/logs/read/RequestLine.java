package dev.minato.logs.read;

import java.util.Map;

/** An HTTP request line as access logs write it: {@code GET /path?q HTTP/1.1}. */
final class RequestLine {

  private RequestLine() {}

  /**
   * Adds {@code request_method}, the target under {@code targetLabel} and {@code server_protocol}
   * when {@code request} is three words; adds nothing otherwise (an unreadable request, {@code -}).
   */
  static void split(String request, String targetLabel, Map<String, String> fields) {
    int first = request.indexOf(' ');
    int last = request.lastIndexOf(' ');
    if (first <= 0 || last == first || request.indexOf(' ', first + 1) != last) {
      return;
    }
    fields.put("request_method", request.substring(0, first));
    fields.put(targetLabel, request.substring(first + 1, last));
    fields.put("server_protocol", request.substring(last + 1));
  }
}
