package dev.minato.load.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A role to assume with a web identity token, as EKS's IAM Roles for Service Accounts (IRSA) sets
 * it up: the pod identity webhook sets {@code AWS_ROLE_ARN} and {@code AWS_WEB_IDENTITY_TOKEN_FILE}
 * (a projected service account token the kubelet rotates), and usually {@code AWS_REGION} and
 * {@code AWS_STS_REGIONAL_ENDPOINTS=regional}.
 *
 * @param roleArn the role to assume
 * @param tokenFile the file holding the token, read again on every exchange
 * @param sessionName the session's name in CloudTrail
 * @param sts the STS endpoint the exchange is posted to
 */
public record WebIdentity(String roleArn, Path tokenFile, String sessionName, URI sts) {

  public static final String ROLE_ARN = "AWS_ROLE_ARN";
  public static final String TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
  public static final String SESSION_NAME = "AWS_ROLE_SESSION_NAME";
  public static final String REGIONAL_ENDPOINTS = "AWS_STS_REGIONAL_ENDPOINTS";

  /** The AWS SDKs' service-specific endpoint override (also how tests point at a loopback STS). */
  public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL_STS";

  /** The ServiceAccount annotation by which EKS's pod identity webhook sets up web identity. */
  public static final String EKS_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

  private static final URI GLOBAL = URI.create("https://sts.amazonaws.com");
  private static final Pattern ROLE =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  public WebIdentity {
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(tokenFile, "tokenFile");
    Objects.requireNonNull(sessionName, "sessionName");
    Objects.requireNonNull(sts, "sts");
  }

  /**
   * {@code arn} when it names an IAM role ({@code arn:aws:iam::ACCOUNT:role/NAME}, in any
   * partition), as STS and EKS's webhook require.
   *
   * @throws StoreException naming what is expected
   */
  public static String roleArn(String arn) throws StoreException {
    if (!ROLE.matcher(arn).matches()) {
      throw new StoreException(
          "'"
              + arn
              + "' is not an IAM role ARN: expected arn:aws:iam::ACCOUNT:role/NAME, e.g."
              + " arn:aws:iam::123456789012:role/minato-load-reports");
    }
    return arn;
  }

  /**
   * The web identity of {@code environment}, or empty unless both {@code AWS_ROLE_ARN} and {@code
   * AWS_WEB_IDENTITY_TOKEN_FILE} are set. The session is named {@code AWS_ROLE_SESSION_NAME}, else
   * {@code minato-load-MILLIS} (as the SDKs name theirs by time).
   *
   * @throws StoreException for a malformed {@code AWS_ENDPOINT_URL_STS} or {@code
   *     AWS_STS_REGIONAL_ENDPOINTS}
   */
  public static Optional<WebIdentity> fromEnvironment(Map<String, String> environment, Clock clock)
      throws StoreException {
    String role = variable(environment, ROLE_ARN);
    String file = variable(environment, TOKEN_FILE);
    if (role.isEmpty() || file.isEmpty()) {
      return Optional.empty();
    }
    String session = variable(environment, SESSION_NAME);
    return Optional.of(
        new WebIdentity(
            role,
            Path.of(file),
            session.isEmpty() ? "minato-load-" + clock.millis() : session,
            endpoint(environment)));
  }

  /**
   * {@code AWS_ENDPOINT_URL_STS} when set; else the region's own STS endpoint ({@code AWS_REGION},
   * else {@code AWS_DEFAULT_REGION}), as the SDKs resolve it unless {@code
   * AWS_STS_REGIONAL_ENDPOINTS=legacy}; else, or without a region, the global endpoint.
   */
  static URI endpoint(Map<String, String> environment) throws StoreException {
    String override = variable(environment, ENDPOINT_URL);
    if (!override.isEmpty()) {
      try {
        URI uri = new URI(override);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // Reported below with what is expected.
      }
      throw new StoreException(
          ENDPOINT_URL + "='" + override + "': expected an http:// or https:// URL");
    }
    String mode = variable(environment, REGIONAL_ENDPOINTS).toLowerCase(Locale.ROOT);
    if (!mode.isEmpty() && !mode.equals("regional") && !mode.equals("legacy")) {
      throw new StoreException(REGIONAL_ENDPOINTS + "='" + mode + "': expected regional or legacy");
    }
    String region = variable(environment, "AWS_REGION");
    if (region.isEmpty()) {
      region = variable(environment, "AWS_DEFAULT_REGION");
    }
    if (region.isEmpty() || mode.equals("legacy") || region.equals("aws-global")) {
      return GLOBAL;
    }
    if (!region.matches("[a-z0-9-]{1,40}")) {
      throw new StoreException("AWS_REGION='" + region + "': expected a region such as eu-west-1");
    }
    return URI.create(
        "https://sts." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : ""));
  }

  private static String variable(Map<String, String> environment, String name) {
    return environment.getOrDefault(name, "").strip();
  }
}
