package dev.minato.manifest.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"shop.example.com", "a", "prd-worker-1", "Shop.Example.COM", "x1.y2"})
  void acceptsRfc1123HostNames(String host) {
    assertThat(NetworkNames.hostNameProblem(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "shop.example.com\n  server rogue 6.6.6.6:80",
        "shop;example",
        "shop{",
        "\"shop\"",
        "shop#x",
        "shop\u0000",
        "shop\u2028x",
        "-shop",
        "shop-",
        "shop..example",
        "shop.example.com.",
        "*.example.com",
        "shop example",
        "shöp.example"
      })
  void refusesAnythingElseAsAHostName(String host) {
    assertThat(NetworkNames.hostNameProblem(host)).get().asString().contains("is not a host name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/", "/healthz", "/ready?full=1", "/a/b-c_d.e~f", "/%20x", "/v1/items:check"})
  void acceptsUrlPaths(String path) {
    assertThat(NetworkNames.urlPathProblem(path)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "healthz",
        "/ready\n    server rogue 6.6.6.6:80 check",
        "/ready;",
        "/ready{",
        "/ready\"",
        "/ready'",
        "/ready#",
        "/ready\u0000",
        "/ready\u2028",
        "/ready x",
        "/ready\\",
        "/ready$host",
        "/%zz",
        "/%2",
        "/ünï"
      })
  void refusesAnythingElseAsAUrlPath(String path) {
    assertThat(NetworkNames.urlPathProblem(path)).get().asString().contains("is not a URL path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.1.11", "::1", "fd00::10", "node-a.internal", "2001:db8::1"})
  void acceptsIpAddressesAndHostNamesAsAddresses(String address) {
    assertThat(NetworkNames.addressProblem(address)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.1.300",
        "10.0.1.1\n",
        "fe80::1%eth0",
        "[::1]",
        "::1 backup",
        "10.0.0.1;",
        "a{b",
        ""
      })
  void refusesAnythingElseAsAnAddress(String address) {
    assertThat(NetworkNames.addressProblem(address)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "zone-1", "eu-west-1a", "prd", "us_east.1"})
  void acceptsPlainNames(String name) {
    assertThat(NetworkNames.nameProblem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "prd\nbackend x", "a b", "a;", "-a", "a{", "a#", "a\u0000"})
  void refusesAnythingElseAsAPlainName(String name) {
    assertThat(NetworkNames.nameProblem(name)).isPresent();
  }

  @org.junit.jupiter.api.Test
  void showsHostileValuesEscapedSoTheMessageStaysOneLine() {
    String shown = NetworkNames.shown("a\nb\r\t\u0000\u2028'\\c");

    assertThat(shown).isEqualTo("'a\\nb\\r\\t\\u0000\\u2028\\'\\\\c'").doesNotContain("\n");
    assertThat(NetworkNames.hostNameProblem("x\nserver rogue"))
        .get()
        .asString()
        .doesNotContain("\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "203.0.113.7/32", "0.0.0.0/0", "2001:db8::/32", "::/0"})
  void acceptsCidrBlocks(String cidr) {
    assertThat(NetworkNames.cidrProblem(cidr)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0",
        "10.0.0.0/33",
        "2001:db8::/129",
        "10.0.0.256/8",
        "example.com/24",
        "10.0.0.0/-1",
        "10.0.0.0/8\n",
        "/8",
        "10.0.0.0/"
      })
  void refusesAnythingElseAsACidrBlock(String cidr) {
    assertThat(NetworkNames.cidrProblem(cidr.replace("\\n", "\n")))
        .get()
        .asString()
        .contains("is not a CIDR block");
  }
}
