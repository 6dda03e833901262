package dev.minato.shadow.proxy;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which requests may be sent to the copies. Only safe methods by default, because a mirrored POST
 * would change the candidate's data (or, through shared back ends, real data) twice; a request with
 * a body is never mirrored unless bodies are allowed, and one whose body was too large to keep is
 * never mirrored, as it could not be sent whole.
 *
 * @param methods the methods mirrored, upper case
 * @param bodies whether requests with a body may be mirrored
 */
public record MirrorPolicy(Set<String> methods, boolean bodies) {

  /** GET, HEAD and OPTIONS, no bodies. */
  public static final MirrorPolicy SAFE = new MirrorPolicy(Set.of("GET", "HEAD", "OPTIONS"), false);

  public MirrorPolicy {
    methods =
        methods.stream()
            .map(m -> m.toUpperCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Why a request is not mirrored, or {@link Decision#MIRROR}. */
  public enum Decision {
    MIRROR,
    METHOD,
    BODY,
    BODY_TOO_LARGE
  }

  /**
   * @param bodyLength the request body's length in bytes
   * @param bodyKept whether the body's bytes were kept (it fit the limit)
   */
  public Decision decide(String method, long bodyLength, boolean bodyKept) {
    if (!methods.contains(method)) {
      return Decision.METHOD;
    }
    if (bodyLength > 0 && !bodies) {
      return Decision.BODY;
    }
    if (!bodyKept) {
      return Decision.BODY_TOO_LARGE;
    }
    return Decision.MIRROR;
  }
}
