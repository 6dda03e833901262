package dev.minato.shadow.route;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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

  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern HEX = Pattern.compile("(?=.*[0-9])[0-9a-fA-F]{8,}");
  private static final Pattern TOKEN =
      Pattern.compile("(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_-]{20,}");

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
    String[] segments = path.split("/", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(placeholder(segments[i]));
    }
    return out.toString();
  }

  private static String placeholder(String segment) {
    if (NUMBER.matcher(segment).matches()) {
      return "{id}";
    }
    if (UUID.matcher(segment).matches()) {
      return "{uuid}";
    }
    if (HEX.matcher(segment).matches()) {
      return "{hex}";
    }
    if (TOKEN.matcher(segment).matches()) {
      return "{token}";
    }
    return segment;
  }
}
