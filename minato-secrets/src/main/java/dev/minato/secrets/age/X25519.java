package dev.minato.secrets.age;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/** X25519 (RFC 7748) on the JDK's XDH provider, with keys as the 32-byte strings age uses. */
final class X25519 {

  static final byte[] BASE_POINT = basePoint();

  private X25519() {}

  /** X25519(scalar, point): both 32-byte little-endian strings, as RFC 7748 defines them. */
  static byte[] multiply(byte[] scalar, byte[] point) {
    try {
      KeyFactory factory = KeyFactory.getInstance("XDH");
      PrivateKey privateKey =
          factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
      PublicKey publicKey =
          factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, toU(point)));
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(privateKey);
      agreement.doPhase(publicKey, true);
      return agreement.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's X25519 refused a 32-byte key", e);
    }
  }

  /** The u-coordinate as an integer: little-endian, with the top bit masked as RFC 7748 says. */
  private static BigInteger toU(byte[] point) {
    byte[] bigEndian = new byte[point.length];
    for (int i = 0; i < point.length; i++) {
      bigEndian[i] = point[point.length - 1 - i];
    }
    bigEndian[0] &= 0x7f;
    return new BigInteger(1, bigEndian);
  }

  private static byte[] basePoint() {
    byte[] point = new byte[32];
    point[0] = 9;
    return point;
  }
}
