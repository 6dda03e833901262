package dev.minato.load.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) on the JDK's SHA-256 and HMAC-SHA256, as S3,
 * MinIO, Ceph RGW and GCS's XML API check it: a canonical request (method, path, sorted query,
 * every given header lower-cased and trimmed, the payload's hash), hashed into a string to sign
 * with the date and the scope, signed with a key derived from the secret by date, region and
 * service. Written here rather than taken from the AWS SDK, whose S3 client brings tens of
 * megabytes of jars for one PUT; tested against AWS's published vectors.
 *
 * <p>The path is signed as given, already URI-encoded as it goes on the wire: S3 encodes a key's
 * path once (the generic services' second encoding does not apply to it).
 */
public final class SigV4 {

  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  /** The hash of an empty payload. */
  public static final String EMPTY_PAYLOAD = sha256Hex(new byte[0]);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private SigV4() {}

  /**
   * A request to sign.
   *
   * @param method the HTTP method
   * @param host the {@code Host} header as sent (with {@code :port} unless the scheme's default)
   * @param path the URI-encoded path as sent
   * @param query the query's parameters, not encoded, in any order
   * @param headers further headers to sign, in any order (a name given twice: values in order)
   * @param payloadHash the lower-case hex SHA-256 of the body
   */
  public record Request(
      String method,
      String host,
      String path,
      List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> headers,
      String payloadHash) {

    public Request {
      query = List.copyOf(query);
      headers = List.copyOf(headers);
    }
  }

  /**
   * The headers to add to {@code request}: {@code X-Amz-Date}, {@code X-Amz-Security-Token} with
   * temporary credentials, and {@code Authorization}.
   */
  public static Map<String, String> sign(
      Request request, Credentials credentials, String region, String service, Instant time) {
    String stamp = STAMP.format(time);
    Map<String, String> added = new LinkedHashMap<>();
    added.put("X-Amz-Date", stamp);
    credentials.sessionToken().ifPresent(token -> added.put("X-Amz-Security-Token", token));
    List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
    headers.add(Map.entry("Host", request.host()));
    headers.addAll(added.entrySet());
    TreeMap<String, String> canonical = canonicalHeaders(headers);
    String signedHeaders = String.join(";", canonical.keySet());
    String canonicalRequest =
        String.join(
            "\n",
            request.method(),
            request.path().isEmpty() ? "/" : request.path(),
            canonicalQuery(request.query()),
            headerLines(canonical),
            signedHeaders,
            request.payloadHash());
    String scope = stamp.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        String.join(
            "\n",
            ALGORITHM,
            stamp,
            scope,
            sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key =
        hmac(
            ("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8),
            stamp.substring(0, 8));
    for (String part : List.of(region, service, "aws4_request")) {
      key = hmac(key, part);
    }
    String signature = HexFormat.of().formatHex(hmac(key, toSign));
    added.put(
        "Authorization",
        ALGORITHM
            + " Credential="
            + credentials.accessKeyId()
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
    return added;
  }

  /** Lower-case names, sorted; values trimmed, inner runs of spaces made one, repeats joined. */
  private static TreeMap<String, String> canonicalHeaders(List<Map.Entry<String, String>> headers) {
    TreeMap<String, String> canonical = new TreeMap<>();
    for (Map.Entry<String, String> header : headers) {
      String value = header.getValue().strip().replaceAll(" +", " ");
      canonical.merge(header.getKey().toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
    }
    return canonical;
  }

  private static String headerLines(TreeMap<String, String> canonical) {
    StringBuilder lines = new StringBuilder();
    canonical.forEach((name, value) -> lines.append(name).append(':').append(value).append('\n'));
    return lines.toString();
  }

  private static String canonicalQuery(List<Map.Entry<String, String>> query) {
    return query.stream()
        .map(p -> Map.entry(encode(p.getKey(), true), encode(p.getValue(), true)))
        .sorted(
            Comparator.<Map.Entry<String, String>, String>comparing(Map.Entry::getKey)
                .thenComparing(Map.Entry::getValue))
        .map(p -> p.getKey() + "=" + p.getValue())
        .reduce((a, b) -> a + "&" + b)
        .orElse("");
  }

  /**
   * SigV4's URI encoding: every byte of the UTF-8 form except {@code A-Z a-z 0-9 - _ . ~} as {@code
   * %XY} (upper-case hex); {@code /} kept unless {@code slash} says to encode it.
   */
  public static String encode(String text, boolean slash) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || c == '/' && !slash) {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  /** The lower-case hex SHA-256 of {@code bytes}: a payload's hash. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }
}
