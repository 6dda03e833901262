package dev.minato.load.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3LocationTest {

  private static S3Location parse(String url, String endpoint, String region, Boolean pathStyle)
      throws StoreException {
    return S3Location.parse(
        url,
        Optional.ofNullable(endpoint),
        Optional.ofNullable(region),
        Optional.ofNullable(pathStyle));
  }

  @Test
  void awsIsAddressedVirtualHostedAtTheRegionsEndpoint() throws Exception {
    S3Location location = parse("s3://perf-reports/loadtests/", null, "eu-west-1", null);
    assertThat(location.prefix()).isEqualTo("loadtests");
    assertThat(location.objectUri(location.key("shop/checkout/report.html")))
        .hasToString(
            "https://perf-reports.s3.eu-west-1.amazonaws.com/loadtests/shop/checkout/report.html");
    assertThat(location.host()).isEqualTo("perf-reports.s3.eu-west-1.amazonaws.com");
    assertThat(location.flags())
        .containsExactly(
            "--report-store", "s3://perf-reports/loadtests", "--report-store-region", "eu-west-1");
  }

  @Test
  void aGivenEndpointIsAddressedPathStyleWithItsPort() throws Exception {
    S3Location location = parse("s3://reports", "http://minio.storage:9000/", null, null);
    assertThat(location.region()).isEqualTo("us-east-1");
    assertThat(location.objectUri(location.key("a b/r.json")))
        .hasToString("http://minio.storage:9000/reports/a%20b/r.json");
    assertThat(location.host()).isEqualTo("minio.storage:9000");
    assertThat(location.flags())
        .containsExactly(
            "--report-store", "s3://reports",
            "--report-store-endpoint", "http://minio.storage:9000",
            "--report-store-region", "us-east-1");
  }

  @Test
  void theSchemesOwnPortIsLeftOutOfTheHost() throws Exception {
    S3Location location = parse("s3://reports", "https://storage.googleapis.com:443", "auto", null);
    assertThat(location.host()).isEqualTo("storage.googleapis.com");
  }

  @Test
  void pathStyleCanBeChosenForAws() throws Exception {
    S3Location location = parse("s3://reports", null, null, true);
    assertThat(location.objectUri("k")).hasToString("https://s3.us-east-1.amazonaws.com/reports/k");
    assertThat(location.flags()).contains("--report-store-path-style=true");
  }

  @Test
  void refusesWhatIsNotAnS3Url() {
    assertThatThrownBy(() -> parse("https://bucket/x", null, null, null))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("expected s3://BUCKET or s3://BUCKET/PREFIX");
  }

  @Test
  void refusesABucketNameS3Refuses() {
    assertThatThrownBy(() -> parse("s3://Perf_Reports", null, null, null))
        .hasMessageContaining("'Perf_Reports' is not a bucket name");
  }

  @Test
  void refusesAnEndpointWithAPath() {
    assertThatThrownBy(() -> parse("s3://reports", "http://minio:9000/api", null, null))
        .hasMessageContaining("--report-store-endpoint 'http://minio:9000/api'")
        .hasMessageContaining("scheme, host and port only");
  }

  @Test
  void refusesAnEndpointThatIsNotHttp() {
    assertThatThrownBy(() -> parse("s3://reports", "ftp://minio", null, null))
        .hasMessageContaining("expected http://HOST[:PORT] or https://HOST");
  }
}
