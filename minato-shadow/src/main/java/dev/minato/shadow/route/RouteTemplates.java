package dev.minato.shadow.route;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Groups request paths into route templates, so results are per endpoint rather than per URL:
 * {@code /users/123} and {@code /users/456} are both {@code /users/{id}}. A path segment that is an
 * identifier by its shape becomes a placeholder: a number ({@code {id}}), a UUID ({@code {uuid}}),
 * a long hexadecimal string such as a hash or an object id ({@code {hex}}), or a long token mixing
 * letters and digits ({@code {token}}). The query string is not part of the route.
 *
 * <p>The number of distinct endpoints is bounded: once {@code limit} are known, a path whose
 * endpoint is new is counted under the route {@link #OTHER}, so a crawler or an id the shapes miss
 * cannot grow the results without end. Thread-safe.
 */
public final class RouteTemplates {

  /** The route of every endpoint past the limit. */
  public static final String OTHER = "(other)";

  public static final int DEFAULT_LIMIT = 200;

  private final int limit;
  private final Set<Endpoint> known = ConcurrentHashMap.newKeySet();

  public RouteTemplates(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one route: " + limit);
    }
    this.limit = limit;
  }

  /** The endpoint a request belongs to. */
  public Endpoint endpoint(String method, String target) {
    Endpoint endpoint = new Endpoint(method, template(target));
    if (known.contains(endpoint)) {
      return endpoint;
    }
    synchronized (known) {
      if (known.size() < limit) {
        known.add(endpoint);
        return endpoint;
      }
    }
    return new Endpoint(method, OTHER);
  }

  /** The template of one request target, ignoring its query and fragment. */
  public static String template(String target) {
    int end = target.length();
    for (char stop : new char[] {'?', '#'}) {
      int at = target.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String path = target.substring(0, end);
    int scheme = path.indexOf("://");
    if (scheme > 0 && !path.startsWith("/")) {
      // An absolute-form target (a request through a forward proxy): keep its path.
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    if (path.isEmpty()) {
      return "/";
    }
    // Segment by segment without a regex or a split: this runs for every compared exchange, and
    // the matchers of four patterns per segment were most of the comparison thread's allocation
    // (docs/shadow-performance.md). A path without placeholders is returned as it is.
    StringBuilder out = null;
    int from = 0;
    while (from <= path.length()) {
      int slash = path.indexOf('/', from);
      int to = slash < 0 ? path.length() : slash;
      String placeholder = placeholder(path, from, to);
      if (placeholder != null && out == null) {
        out = new StringBuilder(path.length()).append(path, 0, from);
      }
      if (out != null) {
        if (placeholder != null) {
          out.append(placeholder);
        } else {
          out.append(path, from, to);
        }
        if (slash >= 0) {
          out.append('/');
        }
      }
      from = to + 1;
    }
    return out == null ? path : out.toString();
  }

  /**
   * The placeholder of the segment {@code path[from, to)} by its shape, or null when it is a word.
   * The shapes, as regular expressions: a number {@code -?[0-9]+}; a UUID {@code
   * [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}; hex {@code
   * [0-9a-fA-F]{8,}} with a digit; a token {@code [A-Za-z0-9_-]{20,}} with a digit and a letter.
   */
  private static String placeholder(String path, int from, int to) {
    int length = to - from;
    if (length == 0) {
      return null;
    }
    if (isNumber(path, from, to)) {
      return "{id}";
    }
    if (length == 36 && isUuid(path, from)) {
      return "{uuid}";
    }
    boolean digit = false;
    boolean letter = false;
    boolean hex = true;
    boolean token = true;
    for (int i = from; i < to; i++) {
      char c = path.charAt(i);
      boolean isDigit = c >= '0' && c <= '9';
      boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      digit |= isDigit;
      letter |= isLetter;
      hex &= isHex(c);
      token &= isDigit || isLetter || c == '_' || c == '-';
    }
    if (hex && digit && length >= 8) {
      return "{hex}";
    }
    if (token && digit && letter && length >= 20) {
      return "{token}";
    }
    return null;
  }

  private static boolean isNumber(String path, int from, int to) {
    int start = path.charAt(from) == '-' ? from + 1 : from;
    if (start == to) {
      return false;
    }
    for (int i = start; i < to; i++) {
      char c = path.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isUuid(String path, int from) {
    for (int i = 0; i < 36; i++) {
      char c = path.charAt(from + i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHex(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
