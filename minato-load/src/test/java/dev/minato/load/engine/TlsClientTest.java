package dev.minato.load.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Which implementation encrypts an https run, and that the bundled BoringSSL loads. */
class TlsClientTest {

  /**
   * What the TLS tests' runs must have used: the JDK's TLS when the build's second test run asks
   * for it (minato-load's pom, execution tls-on-jdk), BoringSSL otherwise where it loads.
   */
  static String expectedProvider() {
    String wanted = System.getProperty(TlsClient.PROVIDER_PROPERTY, "");
    return wanted.equals("jdk") || !OpenSsl.isAvailable() ? "jdk" : "openssl";
  }

  @Test
  @EnabledOnOs(
      value = {OS.LINUX, OS.MAC},
      architectures = {"amd64", "x86_64", "aarch64"})
  void theBundledBoringSslLoadsWithThisNettyAndIsTheDefault() throws Exception {
    assertThat(OpenSsl.isAvailable()).as("%s", OpenSsl.unavailabilityCause()).isTrue();
    assertThat(OpenSsl.isAlpnSupported()).isTrue();
    assertThat(OpenSsl.versionString()).contains("BoringSSL");
    assertThat(TlsClient.provider("")).isEqualTo(SslProvider.OPENSSL);
    assertThat(TlsClient.provider(" OpenSSL ")).isEqualTo(SslProvider.OPENSSL);
  }

  @Test
  void theJdksTlsWhenAskedFor() throws Exception {
    assertThat(TlsClient.provider("jdk")).isEqualTo(SslProvider.JDK);
    assertThat(TlsClient.provider("JDK")).isEqualTo(SslProvider.JDK);
  }

  @Test
  void anUnknownChoiceIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> TlsClient.provider("conscrypt"))
        .isInstanceOf(LoadException.class)
        .hasMessage("cannot set up TLS: minato.load.tls is jdk or openssl, not 'conscrypt'");
  }
}
