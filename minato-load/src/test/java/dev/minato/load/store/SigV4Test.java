package dev.minato.load.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * AWS's published Signature Version 4 vectors: the generic test suite (aws-sig-v4-test-suite, as
 * AWS's own CRT signer carries it: credentials AKIDEXAMPLE, service {@code service}, 2015-08-30)
 * and the S3 developer guide's examples of signing in the Authorization header (examplebucket,
 * 2013-05-24). Each expected signature is the published one.
 */
class SigV4Test {

  private static final Credentials SUITE =
      new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Optional.empty());
  private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
  private static final String SUITE_HOST = "example.amazonaws.com";

  private static final Credentials S3_GUIDE =
      new Credentials(
          "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Optional.empty());
  private static final Instant S3_TIME = Instant.parse("2013-05-24T00:00:00Z");
  private static final String S3_HOST = "examplebucket.s3.amazonaws.com";

  private static Map<String, String> suite(
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> headers,
      String payloadHash,
      Credentials credentials) {
    return SigV4.sign(
        new SigV4.Request(method, SUITE_HOST, path, query, headers, payloadHash),
        credentials,
        "us-east-1",
        "service",
        SUITE_TIME);
  }

  private static Map<String, String> s3(
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> headers,
      String payloadHash) {
    return SigV4.sign(
        new SigV4.Request(method, S3_HOST, path, query, headers, payloadHash),
        S3_GUIDE,
        "us-east-1",
        "s3",
        S3_TIME);
  }

  private static String signature(Map<String, String> headers) {
    String authorization = headers.get("Authorization");
    return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
  }

  @Test
  void getVanillaGivesThePublishedAuthorizationHeader() {
    Map<String, String> headers =
        suite("GET", "/", List.of(), List.of(), SigV4.EMPTY_PAYLOAD, SUITE);
    assertThat(headers)
        .containsEntry("X-Amz-Date", "20150830T123600Z")
        .containsEntry(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                + " SignedHeaders=host;x-amz-date,"
                + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        .doesNotContainKey("X-Amz-Security-Token");
  }

  @Test
  void getVanillaQueryOrderKeyCaseSortsTheQueryByKey() {
    Map<String, String> headers =
        suite(
            "GET",
            "/",
            List.of(Map.entry("Param2", "value2"), Map.entry("Param1", "value1")),
            List.of(),
            SigV4.EMPTY_PAYLOAD,
            SUITE);
    assertThat(signature(headers))
        .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  }

  @Test
  void getVanillaQueryUnreservedLeavesUnreservedCharactersAlone() {
    String unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    Map<String, String> headers =
        suite(
            "GET",
            "/",
            List.of(Map.entry(unreserved, unreserved)),
            List.of(),
            SigV4.EMPTY_PAYLOAD,
            SUITE);
    assertThat(signature(headers))
        .isEqualTo("9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197");
  }

  @Test
  void getVanillaUtf8QueryEncodesTheKeysBytes() {
    Map<String, String> headers =
        suite(
            "GET", "/", List.of(Map.entry("\u1234", "bar")), List.of(), SigV4.EMPTY_PAYLOAD, SUITE);
    assertThat(signature(headers))
        .isEqualTo("2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04");
  }

  @Test
  void getUnreservedSignsThePathAsGiven() {
    Map<String, String> headers =
        suite(
            "GET",
            "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            List.of(),
            List.of(),
            SigV4.EMPTY_PAYLOAD,
            SUITE);
    assertThat(signature(headers))
        .isEqualTo("07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f");
  }

  @Test
  void getHeaderValueTrimTrimsValuesAndSqueezesInnerSpaces() {
    Map<String, String> headers =
        suite(
            "GET",
            "/",
            List.of(),
            List.of(Map.entry("My-Header1", " value1"), Map.entry("My-Header2", " \"a   b   c\"")),
            SigV4.EMPTY_PAYLOAD,
            SUITE);
    assertThat(headers.get("Authorization"))
        .contains("SignedHeaders=host;my-header1;my-header2;x-amz-date,")
        .endsWith("Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
  }

  @Test
  void getHeaderKeyDuplicateJoinsTheValuesInOrder() {
    Map<String, String> headers =
        suite(
            "GET",
            "/",
            List.of(),
            List.of(
                Map.entry("My-Header1", "value2"),
                Map.entry("My-Header1", "value2"),
                Map.entry("My-Header1", "value1")),
            SigV4.EMPTY_PAYLOAD,
            SUITE);
    assertThat(signature(headers))
        .isEqualTo("c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea");
  }

  @Test
  void getVanillaWithSessionTokenSignsTheToken() {
    String token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    Map<String, String> headers =
        suite(
            "GET",
            "/",
            List.of(),
            List.of(),
            SigV4.EMPTY_PAYLOAD,
            new Credentials(SUITE.accessKeyId(), SUITE.secretAccessKey(), Optional.of(token)));
    assertThat(headers).containsEntry("X-Amz-Security-Token", token);
    assertThat(headers.get("Authorization"))
        .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,")
        .endsWith("Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8");
  }

  @Test
  void postXWwwFormUrlencodedSignsTheBodysHash() {
    String hash = SigV4.sha256Hex("Param1=value1".getBytes(StandardCharsets.UTF_8));
    assertThat(hash).isEqualTo("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
    Map<String, String> headers =
        suite(
            "POST",
            "/",
            List.of(),
            List.of(
                Map.entry("Content-Type", "application/x-www-form-urlencoded"),
                Map.entry("Content-Length", "13"),
                Map.entry("x-amz-content-sha256", hash)),
            hash,
            SUITE);
    assertThat(headers.get("Authorization"))
        .contains("SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date,")
        .endsWith("Signature=d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b");
  }

  @Test
  void s3GuidePutObjectExampleSignsAnEncodedKeyAndItsPayload() {
    String hash = SigV4.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8));
    assertThat(hash).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    Map<String, String> headers =
        s3(
            "PUT",
            "/" + SigV4.encode("test$file.text", false),
            List.of(),
            List.of(
                Map.entry("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                Map.entry("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                Map.entry("x-amz-content-sha256", hash)),
            hash);
    assertThat(headers.get("Authorization"))
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + " SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                + " Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  }

  @Test
  void s3GuideGetObjectExampleSignsARange() {
    Map<String, String> headers =
        s3(
            "GET",
            "/test.txt",
            List.of(),
            List.of(
                Map.entry("Range", "bytes=0-9"),
                Map.entry("x-amz-content-sha256", SigV4.EMPTY_PAYLOAD)),
            SigV4.EMPTY_PAYLOAD);
    assertThat(signature(headers))
        .isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void s3GuideListObjectsExampleSortsItsQuery() {
    Map<String, String> headers =
        s3(
            "GET",
            "/",
            List.of(Map.entry("max-keys", "2"), Map.entry("prefix", "J")),
            List.of(Map.entry("x-amz-content-sha256", SigV4.EMPTY_PAYLOAD)),
            SigV4.EMPTY_PAYLOAD);
    assertThat(signature(headers))
        .isEqualTo("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  }

  @Test
  void aChangedSecretGivesAnotherSignature() {
    Map<String, String> headers =
        suite(
            "GET",
            "/",
            List.of(),
            List.of(),
            SigV4.EMPTY_PAYLOAD,
            new Credentials(
                "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEz", Optional.empty()));
    assertThat(signature(headers))
        .isNotEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void encodingKeepsUnreservedCharactersAndSlashesOnlyWhenAsked() {
    assertThat(SigV4.encode("a b/c+d~é", false)).isEqualTo("a%20b/c%2Bd~%C3%A9");
    assertThat(SigV4.encode("a/b", true)).isEqualTo("a%2Fb");
  }

  @Test
  void credentialsNeverPrintTheirSecret() {
    Credentials credentials =
        new Credentials(
            "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Optional.of("tok"));
    assertThat(credentials.toString())
        .contains("AKIDEXAMPLE")
        .doesNotContain("wJalr")
        .doesNotContain("tok");
  }
}
