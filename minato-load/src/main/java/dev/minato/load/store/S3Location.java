package dev.minato.load.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where objects go in an S3-compatible store: {@code s3://BUCKET/PREFIX} at an endpoint (AWS's
 * regional one by default; MinIO, Ceph RGW or {@code https://storage.googleapis.com} when given) in
 * a region (the signature's scope), addressed path-style ({@code ENDPOINT/BUCKET/KEY}, what MinIO
 * and Ceph serve without wildcard DNS) or virtual-hosted ({@code BUCKET.HOST/KEY}, AWS's default).
 *
 * @param bucket the bucket
 * @param prefix the key prefix without leading or trailing slash, possibly empty
 * @param endpoint the store's base URL: scheme, host and port only
 * @param region the region requests are signed for
 * @param pathStyle whether the bucket goes in the path rather than the host name
 * @param endpointGiven whether the endpoint was given rather than derived from the region
 */
public record S3Location(
    String bucket,
    String prefix,
    URI endpoint,
    String region,
    boolean pathStyle,
    boolean endpointGiven) {

  /** The region when none is given: AWS's first, which every S3-compatible store accepts. */
  public static final String DEFAULT_REGION = "us-east-1";

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");

  /**
   * Reads {@code url} ({@code s3://BUCKET[/PREFIX]}) with the flags that qualify it.
   *
   * @param endpoint the store's URL, or empty for AWS ({@code https://s3.REGION.amazonaws.com})
   * @param region the region, or empty for {@value #DEFAULT_REGION}
   * @param pathStyle the addressing, or empty for path-style exactly when an endpoint is given
   */
  public static S3Location parse(
      String url, Optional<String> endpoint, Optional<String> region, Optional<Boolean> pathStyle)
      throws StoreException {
    if (!url.startsWith("s3://")) {
      throw new StoreException(
          "--report-store '" + url + "': expected s3://BUCKET or s3://BUCKET/PREFIX");
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : strip(rest.substring(slash + 1));
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new StoreException(
          "--report-store '"
              + url
              + "': '"
              + bucket
              + "' is not a bucket name (3 to 63 lower-case letters, digits, '.', '-' or '_',"
              + " beginning and ending with a letter or digit)");
    }
    String where = region.map(String::strip).filter(r -> !r.isEmpty()).orElse(DEFAULT_REGION);
    if (!REGION.matcher(where).matches()) {
      throw new StoreException(
          "--report-store-region '" + where + "': expected a region such as eu-west-1");
    }
    URI base =
        endpoint.isPresent()
            ? endpoint(endpoint.get())
            : URI.create("https://s3." + where + ".amazonaws.com");
    boolean path = pathStyle.orElse(endpoint.isPresent());
    if (!path && bucket.contains("_")) {
      throw new StoreException(
          "--report-store '"
              + url
              + "': a bucket name with '_' cannot be a host name; add --report-store-path-style");
    }
    return new S3Location(bucket, prefix, base, where, path, endpoint.isPresent());
  }

  private static URI endpoint(String text) throws StoreException {
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new StoreException(
            "--report-store-endpoint '" + text + "': expected http://HOST[:PORT] or https://HOST");
      }
      if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
          || uri.getRawQuery() != null
          || uri.getRawUserInfo() != null) {
        throw new StoreException(
            "--report-store-endpoint '"
                + text
                + "': give the scheme, host and port only (no path, query or user)");
      }
      // The scheme's own port is left out, as the JDK's client leaves it out of the Host header.
      int port = uri.getPort() == (scheme.equals("https") ? 443 : 80) ? -1 : uri.getPort();
      return new URI(scheme, null, uri.getHost(), port, null, null, null);
    } catch (URISyntaxException e) {
      throw new StoreException(
          "--report-store-endpoint '" + text + "' is not a URL: " + e.getReason());
    }
  }

  private static String strip(String prefix) {
    String stripped = prefix;
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }

  /** {@code s3://BUCKET/PREFIX} as given (without trailing slash). */
  public String url() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  /** The full key of {@code name} under the prefix. */
  public String key(String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** {@code s3://BUCKET/KEY}: how the AWS CLI and most tools name an object. */
  public String s3Url(String key) {
    return "s3://" + bucket + "/" + key;
  }

  /** The HTTP(S) URL of the object {@code key}. */
  public URI objectUri(String key) {
    String path = "/" + SigV4.encode(key, false);
    if (pathStyle) {
      return URI.create(origin(endpoint.getHost()) + "/" + bucket + path);
    }
    return URI.create(origin(bucket + "." + endpoint.getHost()) + path);
  }

  /** The {@code Host} header of a request to this location, as the JDK's client sends it. */
  public String host() {
    String host = pathStyle ? endpoint.getHost() : bucket + "." + endpoint.getHost();
    return endpoint.getPort() < 0 ? host : host + ":" + endpoint.getPort();
  }

  private String origin(String host) {
    return endpoint.getScheme()
        + "://"
        + host
        + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
  }

  /** The flags of {@code minato load controller} that give this location (for --manifests). */
  public List<String> flags() {
    List<String> flags = new ArrayList<>(List.of("--report-store", url()));
    if (endpointGiven) {
      flags.addAll(List.of("--report-store-endpoint", endpoint.toString()));
    }
    flags.addAll(List.of("--report-store-region", region));
    if (pathStyle != endpointGiven) {
      flags.add("--report-store-path-style=" + pathStyle);
    }
    return flags;
  }
}
