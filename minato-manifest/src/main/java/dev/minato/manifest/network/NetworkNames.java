package dev.minato.manifest.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of values that end up in a load balancer's configuration (HAProxy, nginx, F5 AS3):
 * host names, URL paths, node addresses and plain names. Each check says what is wrong, if
 * anything. The rules are deliberately narrower than each device's quoting could carry: a value
 * that holds a control character, a line separator, a quote, {@code #}, {@code ;}, {@code {} or
 * white space would start a new directive or comment in one format or another, and no real host
 * name, health-check path or node name needs one.
 */
public final class NetworkNames {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  /** Characters of a URL path (RFC 3986 pchar and '/', '?'), without those configs give meaning. */
  private static final String PATH_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/:@!&+,=*?";

  private static final int MAX_PATH = 2048;

  private NetworkNames() {}

  /** Why {@code text} is not an RFC 1123 host name ({@code shop.example.com}), if it is not. */
  public static Optional<String> hostNameProblem(String text) {
    if (text.isEmpty() || text.length() > 253) {
      return Optional.of(
          shown(text) + " is not a host name: expected 1 to 253 characters, e.g. shop.example.com");
    }
    for (String label : text.split("\\.", -1)) {
      if (label.length() > 63 || !LABEL.matcher(label).matches()) {
        return Optional.of(
            shown(text)
                + " is not a host name: expected labels of letters, digits and '-' (at most 63"
                + " each, not starting or ending with '-') separated by '.', e.g."
                + " shop.example.com"
                + firstBadCharacter(text, "-."));
      }
    }
    return Optional.empty();
  }

  /** Why {@code text} is not a URL path ({@code /healthz}, {@code /status?full=1}), if not. */
  public static Optional<String> urlPathProblem(String text) {
    if (!text.startsWith("/")) {
      return Optional.of(shown(text) + " is not a URL path: expected a path starting with '/'");
    }
    if (text.length() > MAX_PATH) {
      return Optional.of(
          shown(text) + " is not a URL path: longer than " + MAX_PATH + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length() || !hex(text.charAt(i + 1)) || !hex(text.charAt(i + 2))) {
          return Optional.of(
              shown(text) + " is not a URL path: '%' must start an escape such as %20");
        }
        i += 2;
      } else if (PATH_CHARS.indexOf(c) < 0) {
        return Optional.of(
            shown(text)
                + " is not a URL path: "
                + character(text.codePointAt(i))
                + " at index "
                + i
                + " is not allowed; percent-encode it (e.g. %20 for a space) or remove it");
      }
    }
    return Optional.empty();
  }

  /** Why {@code text} is neither an IP address nor a host name, if it is neither. */
  public static Optional<String> addressProblem(String text) {
    if (IPV4.matcher(text).matches()) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.of(shown(text) + " is not an IP address: " + part + " is above 255");
        }
      }
      return Optional.empty();
    }
    if (text.contains(":")) {
      // Only hex digits, ':' and '.' reach the parser, so it parses a literal and never looks a
      // name up (no scope ids, no brackets).
      if (IPV6_CHARS.matcher(text).matches()) {
        try {
          InetAddress.getByName(text);
          return Optional.empty();
        } catch (UnknownHostException e) {
          // fall through to the message
        }
      }
      return Optional.of(shown(text) + " is not an IPv6 address, an IPv4 address or a host name");
    }
    return hostNameProblem(text)
        .map(
            p ->
                shown(text)
                    + " is not an IP address or a host name"
                    + firstBadCharacter(text, "-."));
  }

  /**
   * Why {@code text} is not a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), if it is not:
   * an IPv4 or IPv6 address, '/', and a prefix length that fits it, as a Service's {@code
   * loadBalancerSourceRanges} needs.
   */
  public static Optional<String> cidrProblem(String text) {
    int slash = text.indexOf('/');
    String example = "; expected an address and a prefix length, e.g. 203.0.113.0/24";
    if (slash < 0) {
      return Optional.of(shown(text) + " is not a CIDR block: no '/'" + example);
    }
    String address = text.substring(0, slash);
    String prefix = text.substring(slash + 1);
    boolean v4 = IPV4.matcher(address).matches();
    boolean v6 = !v4 && address.contains(":");
    if ((!v4 && !v6) || addressProblem(address).isPresent()) {
      return Optional.of(
          shown(text) + " is not a CIDR block: " + shown(address) + " is not an IP address");
    }
    int max = v4 ? 32 : 128;
    if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > max) {
      return Optional.of(
          shown(text)
              + " is not a CIDR block: the prefix length must be a number from 0 to "
              + max
              + example);
    }
    return Optional.empty();
  }

  /**
   * Why {@code text} is not a plain name (a node's zone, an environment): letters, digits, '-', '_'
   * and '.', at most 63, starting and ending with a letter or digit, as a label value.
   */
  public static Optional<String> nameProblem(String text) {
    if (text.length() <= 63 && NAME.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        shown(text)
            + " is not a plain name: expected up to 63 letters, digits, '-', '_' or '.',"
            + " starting and ending with a letter or digit"
            + firstBadCharacter(text, "-_."));
  }

  /**
   * {@code text} quoted for a message, with control, format and separator characters escaped: a
   * hostile value must not break the very error line that reports it.
   */
  public static String shown(String text) {
    StringBuilder out = new StringBuilder("'");
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                out.append("\\n");
              } else if (c == '\r') {
                out.append("\\r");
              } else if (c == '\t') {
                out.append("\\t");
              } else if (c == '\\' || c == '\'') {
                out.append('\\').append((char) c);
              } else if (invisible(c)) {
                out.append(String.format("\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('\'').toString();
  }

  private static boolean invisible(int c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE
        || type == Character.SURROGATE;
  }

  private static String firstBadCharacter(String text, String allowedPunctuation) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      boolean ok = (c < 128 && Character.isLetterOrDigit(c)) || allowedPunctuation.indexOf(c) >= 0;
      if (!ok) {
        return " (" + character(c) + " at index " + i + ")";
      }
      i += Character.charCount(c);
    }
    return "";
  }

  private static String character(int c) {
    return invisible(c) || Character.isWhitespace(c)
        ? String.format("character U+%04X", c)
        : String.format("character '%s' (U+%04X)", new String(Character.toChars(c)), c);
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
