package dev.minato.load.scenario;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Objects;
import java.util.Optional;

/**
 * How an https target is trusted: by the Java runtime's CA certificates (the default), by the CA
 * certificates of a PEM bundle (a private CA, a self-signed test certificate), or not at all
 * ({@code insecureSkipVerify}, like {@code curl -k}). Host names are verified unless verification
 * is skipped altogether. The bundle is held as text, so a scenario carries it into a load Job.
 * Independently of trust, {@code client} is the certificate presented when the server asks for one
 * (mutual TLS).
 */
public record Tls(
    boolean insecureSkipVerify, Optional<String> caPem, Optional<ClientCertificate> client) {

  public static final Tls DEFAULT = new Tls(false, Optional.empty(), Optional.empty());

  public Tls {
    Objects.requireNonNull(caPem, "caPem");
    Objects.requireNonNull(client, "client");
  }

  public static Tls insecure() {
    return new Tls(true, Optional.empty(), Optional.empty());
  }

  /** How {@code other} trusts servers, keeping this setting's client certificate. */
  public Tls trustingAs(Tls other) {
    return new Tls(other.insecureSkipVerify, other.caPem, client);
  }

  /** This trust setting, presenting {@code certificate} to servers that ask for one. */
  public Tls presenting(ClientCertificate certificate) {
    return new Tls(insecureSkipVerify, caPem, Optional.of(certificate));
  }

  /**
   * Trust the certificates of a PEM bundle; throws with a message for the user when the text holds
   * none.
   */
  public static Tls trusting(String pem) throws CertificateException {
    int count =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
            .size();
    if (count == 0) {
      throw new CertificateException("no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
    }
    return new Tls(false, Optional.of(pem), Optional.empty());
  }

  public boolean isDefault() {
    return equals(DEFAULT);
  }
}
