package dev.minato.load.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Objects written to a real HTTP server on 127.0.0.1 that checks every signature itself. */
class ObjectStoreTest {

  private static final Credentials KEY =
      new Credentials("AKIALOOPBACK", "loopback/secret+key", Optional.empty());

  LoopbackS3 s3;

  @BeforeEach
  void start() throws Exception {
    s3 = LoopbackS3.start("reports", KEY.accessKeyId(), KEY.secretAccessKey(), "eu-central-1");
  }

  @AfterEach
  void stop() {
    s3.close();
  }

  private ObjectStore store(Credentials credentials, String region) throws StoreException {
    return new ObjectStore(
        S3Location.parse(
            "s3://reports/perf", Optional.of(s3.endpoint()), Optional.of(region), Optional.empty()),
        credentials,
        Clock.systemUTC());
  }

  @Test
  void aSignedPutStoresTheObjectWithItsContentType() throws Exception {
    ObjectStore store = store(KEY, "eu-central-1");
    String html = "<!doctype html><title>r</title>";
    Optional<String> failure =
        store.put(
            store.location().key("shop/checkout/7f0c/report.html"),
            html.getBytes(StandardCharsets.UTF_8),
            "text/html; charset=utf-8");
    assertThat(failure).as(s3.refusals().toString()).isEmpty();
    LoopbackS3.StoredObject object = s3.object("perf/shop/checkout/7f0c/report.html").orElseThrow();
    assertThat(object.text()).isEqualTo(html);
    assertThat(object.contentType()).isEqualTo("text/html; charset=utf-8");
  }

  @Test
  void theStoredObjectCanBeReadBackAtItsUrl() throws Exception {
    ObjectStore store = store(KEY, "eu-central-1");
    String key = store.location().key("a key with spaces+plus/report.json");
    assertThat(store.put(key, "{}".getBytes(StandardCharsets.UTF_8), "application/json")).isEmpty();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(store.location().objectUri(key)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
  }

  @Test
  void aTemporaryKeySendsItsSessionToken() throws Exception {
    ObjectStore store =
        store(
            new Credentials(KEY.accessKeyId(), KEY.secretAccessKey(), Optional.of("session-1")),
            "eu-central-1");
    assertThat(store.put(store.location().key("x"), new byte[] {1, 2}, "application/octet-stream"))
        .isEmpty();
    assertThat(s3.requestHeads().get(0)).containsIgnoringCase("x-amz-security-token=[session-1]");
  }

  @Test
  void aWrongSecretIsRefusedWithTheStoresErrorAndNothingIsStored() throws Exception {
    ObjectStore store =
        store(
            new Credentials(KEY.accessKeyId(), "not-the-secret", Optional.empty()), "eu-central-1");
    Optional<String> failure = store.put(store.location().key("x"), new byte[] {1}, "text/plain");
    assertThat(failure)
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith("the store answered 403 (SignatureDoesNotMatch: ")
                    .endsWith("to PUT s3://reports/perf/x")
                    .doesNotContain("not-the-secret"));
    assertThat(s3.objects()).isEmpty();
  }

  @Test
  void aRequestSignedForAnotherRegionIsRefused() throws Exception {
    ObjectStore store = store(KEY, "us-west-2");
    assertThat(store.put(store.location().key("x"), new byte[] {1}, "text/plain")).isPresent();
    assertThat(s3.refusals()).containsExactly("signed for region us-west-2, not eu-central-1");
  }

  @Test
  void noRequestCarriesTheSecret() throws Exception {
    ObjectStore store = store(KEY, "eu-central-1");
    store.put(store.location().key("x"), new byte[] {1}, "text/plain");
    assertThat(s3.requestHeads())
        .anyMatch(head -> head.contains("Authorization=[AWS4-HMAC-SHA256 Credential=AKIALOOPBACK/"))
        .noneMatch(head -> head.contains(KEY.secretAccessKey()));
  }

  @Test
  void anUnreachableStoreIsAFailureThatSaysWhere() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ObjectStore store =
        new ObjectStore(
            S3Location.parse(
                "s3://reports",
                Optional.of("http://127.0.0.1:" + closed),
                Optional.empty(),
                Optional.empty()),
            KEY,
            Clock.systemUTC());
    long began = System.nanoTime();
    Optional<String> failure = store.put("x", new byte[] {1}, "text/plain");
    assertThat(failure)
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith(
                        "cannot reach http://127.0.0.1:" + closed + " to PUT s3://reports/x: "));
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aStoreSheddingLoadOnceIsTriedAgainAndTheObjectIsStored() throws Exception {
    ObjectStore store = store(KEY, "eu-central-1");
    s3.shedNextPuts(1);
    assertThat(store.put(store.location().key("x"), new byte[] {7}, "text/plain")).isEmpty();
    assertThat(s3.object("perf/x")).isPresent();
    assertThat(s3.requestHeads()).hasSize(2);
  }

  @Test
  void aStoreStillSheddingLoadAfterTheSecondTryIsAFailureWithItsAnswer() throws Exception {
    ObjectStore store = store(KEY, "eu-central-1");
    s3.shedNextPuts(2);
    assertThat(store.put(store.location().key("x"), new byte[] {7}, "text/plain"))
        .hasValue(
            "the store answered 503 (SlowDown: Please reduce your request rate.) to PUT"
                + " s3://reports/perf/x");
    assertThat(s3.requestHeads()).hasSize(2);
  }

  @Test
  void aRefusalIsNotTriedAgain() throws Exception {
    ObjectStore store =
        store(
            new Credentials("AKIAOTHER", KEY.secretAccessKey(), Optional.empty()), "eu-central-1");
    assertThat(store.put(store.location().key("x"), new byte[] {7}, "text/plain")).isPresent();
    assertThat(s3.requestHeads()).hasSize(1);
  }
}
