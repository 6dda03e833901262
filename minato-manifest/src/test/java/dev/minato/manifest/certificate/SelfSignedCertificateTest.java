package dev.minato.manifest.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

  @Test
  void namesTheHostAsCommonNameAndDnsAlternativeName() throws Exception {
    X509Certificate certificate = SelfSignedCertificate.create("localhost").certificate();

    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(certificate.getSubjectX500Principal());
    assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"));
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    certificate.checkValidity();
  }

  @Test
  void anIpv4LiteralIsAnIpAddressAlternativeName() throws Exception {
    X509Certificate certificate = SelfSignedCertificate.create("127.0.0.1").certificate();

    assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.0.1"));
  }

  @Test
  void isSignedByItsOwnKeyAndTrustedAsItsOwnAnchor() throws Exception {
    SelfSignedCertificate made = SelfSignedCertificate.create("shop.example");
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("anchor", made.certificate());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(anchors);

    ((X509TrustManager) trust.getTrustManagers()[0])
        .checkServerTrusted(new X509Certificate[] {made.certificate()}, "ECDHE_ECDSA");
  }

  @Test
  void pemTextReadsBackAsTheSameCertificateAndKey() throws Exception {
    SelfSignedCertificate made = SelfSignedCertificate.create("shop.example");

    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        made.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    String key =
        made.keyPem()
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "");
    assertThat(certificate).isEqualTo(made.certificate());
    assertThat(
            KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(key))))
        .isEqualTo(made.key());
  }

  @Test
  void everyCallMakesANewKey() throws Exception {
    assertThat(SelfSignedCertificate.create("a").key())
        .isNotEqualTo(SelfSignedCertificate.create("a").key());
  }
}
