package dev.minato.manifest.certificate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A key and a self-signed certificate for one name, made in memory: for a TLS peer that only has to
 * exist, such as the server the launcher's load training talks to and the TLS peers of tests. EC
 * P-256 signed with SHA-256, valid from an hour ago for two days, the name as common name and as
 * the one subject alternative name (an IP address for an IPv4 literal, a DNS name otherwise), which
 * is what clients verify. Nothing is written to disk; the JDK has no public API that makes a
 * certificate (keytool writes a key store file), so the certificate's DER is written here and
 * parsed back by the JDK, which rejects a malformed one.
 *
 * @param key the private key, PKCS#8
 * @param certificate the certificate, signed by {@code key}
 */
public record SelfSignedCertificate(PrivateKey key, X509Certificate certificate) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  // Object identifiers, DER-encoded with their tag: ecdsa-with-SHA256 (1.2.840.10045.4.3.2),
  // commonName (2.5.4.3) and subjectAltName (2.5.29.17).
  private static final byte[] ECDSA_WITH_SHA256 = {
    0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02
  };
  private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
  private static final byte[] SUBJECT_ALT_NAME = {0x06, 0x03, 0x55, 0x1d, 0x11};

  private static final int SEQUENCE = 0x30;
  private static final int SET = 0x31;
  private static final int INTEGER = 0x02;
  private static final int BIT_STRING = 0x03;
  private static final int OCTET_STRING = 0x04;
  private static final int UTF8_STRING = 0x0c;
  private static final int UTC_TIME_TAG = 0x17;

  /** A new key pair and a certificate for {@code name}, a host name or an IPv4 address. */
  public static SelfSignedCertificate create(String name) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Instant now = Instant.now();
    byte[] algorithm = der(SEQUENCE, ECDSA_WITH_SHA256);
    byte[] subject =
        der(SEQUENCE, der(SET, der(SEQUENCE, COMMON_NAME, der(UTF8_STRING, utf8(name)))));
    byte[] tbs =
        der(
            SEQUENCE,
            der(0xa0, der(INTEGER, new byte[] {2})), // version 3
            der(INTEGER, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
            algorithm,
            subject, // issuer: the subject itself
            der(SEQUENCE, time(now.minus(Duration.ofHours(1))), time(now.plus(Duration.ofDays(2)))),
            subject,
            pair.getPublic().getEncoded(), // SubjectPublicKeyInfo, DER already
            der(
                0xa3,
                der(SEQUENCE, der(SEQUENCE, SUBJECT_ALT_NAME, der(OCTET_STRING, altName(name))))));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(tbs);
    byte[] signature = signer.sign(); // an ECDSA-Sig-Value, DER already
    byte[] bits = new byte[signature.length + 1]; // no unused bits
    System.arraycopy(signature, 0, bits, 1, signature.length);
    byte[] encoded = der(SEQUENCE, tbs, algorithm, der(BIT_STRING, bits));
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    certificate.verify(pair.getPublic());
    return new SelfSignedCertificate(pair.getPrivate(), certificate);
  }

  /** The certificate as PEM, as a CA file ({@code --cacert}) or a server's certificate file. */
  public String certificatePem() {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate made here cannot be encoded", e);
    }
  }

  /** The key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  public String keyPem() {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A GeneralNames with one name: iPAddress [7] for an IPv4 literal, dNSName [2] otherwise. */
  private static byte[] altName(String name) {
    if (IPV4.matcher(name).matches()) {
      String[] parts = name.split("\\.");
      byte[] address = new byte[4];
      for (int i = 0; i < 4; i++) {
        int part = Integer.parseInt(parts[i]);
        if (part > 255) {
          throw new IllegalArgumentException("not an IPv4 address: " + name);
        }
        address[i] = (byte) part;
      }
      return der(SEQUENCE, der(0x87, address));
    }
    return der(SEQUENCE, der(0x82, name.getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] time(Instant instant) {
    return der(UTC_TIME_TAG, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** One DER element: the tag, the definite length, and the parts as its contents. */
  private static byte[] der(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    int length = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
