package dev.minato.load.scenario;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificate and key the load generator presents to a server that asks for one (mutual TLS),
 * as PEM text: the certificate (chain) and an unencrypted PKCS#8 key.
 */
public record ClientCertificate(String certificatePem, String keyPem) {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  public ClientCertificate {
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(keyPem, "keyPem");
  }

  /**
   * Checks both parts before a run starts; the message says what is wrong with which and how to
   * convert a key in another format.
   */
  public static ClientCertificate of(String certificatePem, String keyPem)
      throws CertificateException {
    int certificates =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)))
            .size();
    if (certificates == 0) {
      throw new CertificateException(
          "the certificate file holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    Matcher key = PKCS8.matcher(keyPem);
    if (!key.find() || !readable(key.group(1))) {
      throw new CertificateException(
          "the key must be an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert"
              + " one with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem");
    }
    return new ClientCertificate(certificatePem, keyPem);
  }

  private static boolean readable(String base64) {
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        return true;
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
    return false;
  }
}
