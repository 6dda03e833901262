package dev.minato.secrets.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The age file format v1 (C2SP age.md) for X25519 recipients: a header of recipient stanzas
 * wrapping a random 16-byte file key, the header's HMAC, then the payload in 64 KiB
 * ChaCha20-Poly1305 STREAM chunks. Binary here; {@link AgeArmor} adds the PEM-like text form.
 */
public final class Age {

  private static final String VERSION_LINE = "age-encryption.org/v1";
  private static final String X25519_LABEL = "age-encryption.org/v1/X25519";
  private static final int CHUNK = 64 * 1024;
  private static final int TAG = 16;
  private static final Base64.Encoder RAW = Base64.getEncoder().withoutPadding();

  private Age() {}

  /** Encrypts {@code plaintext} so that any one of {@code recipients} can open it. */
  public static byte[] encrypt(
      byte[] plaintext, List<AgeRecipient> recipients, SecureRandom random) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("age needs at least one recipient");
    }
    byte[] fileKey = new byte[16];
    random.nextBytes(fileKey);
    StringBuilder header = new StringBuilder(VERSION_LINE).append('\n');
    for (AgeRecipient recipient : recipients) {
      byte[] ephemeral = new byte[32];
      random.nextBytes(ephemeral);
      byte[] share = X25519.multiply(ephemeral, X25519.BASE_POINT);
      byte[] shared = X25519.multiply(ephemeral, recipient.publicKey());
      byte[] wrapKey = Hkdf.sha256(shared, concat(share, recipient.publicKey()), X25519_LABEL, 32);
      byte[] body = chacha(Cipher.ENCRYPT_MODE, wrapKey, new byte[12], fileKey);
      header.append("-> X25519 ").append(RAW.encodeToString(share)).append('\n');
      appendWrapped(header, RAW.encodeToString(body));
    }
    header.append("---");
    byte[] mac = headerMac(fileKey, header.toString());
    header.append(' ').append(RAW.encodeToString(mac)).append('\n');

    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    byte[] payloadKey = Hkdf.sha256(fileKey, nonce, "payload", 32);
    ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 256);
    out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(nonce);
    long counter = 0;
    int offset = 0;
    do {
      int length = Math.min(CHUNK, plaintext.length - offset);
      boolean last = offset + length == plaintext.length;
      byte[] chunk = Arrays.copyOfRange(plaintext, offset, offset + length);
      out.writeBytes(chacha(Cipher.ENCRYPT_MODE, payloadKey, streamNonce(counter++, last), chunk));
      offset += length;
    } while (offset < plaintext.length);
    return out.toByteArray();
  }

  /** Opens an age file with the first identity that unwraps one of its X25519 stanzas. */
  public static byte[] decrypt(byte[] file, List<AgeIdentity> identities) throws AgeException {
    Header header = Header.parse(file);
    byte[] fileKey = null;
    for (Stanza stanza : header.stanzas()) {
      if (!stanza.type().equals("X25519")) {
        continue;
      }
      if (stanza.args().size() != 1 || stanza.body().length != 32) {
        throw new AgeException("malformed X25519 stanza in the age header");
      }
      byte[] share = decodeCanonical(stanza.args().get(0));
      if (share.length != 32) {
        throw new AgeException("malformed X25519 share in the age header");
      }
      for (AgeIdentity identity : identities) {
        byte[] shared = identity.sharedSecret(share);
        if (MessageDigest.isEqual(shared, new byte[32])) {
          throw new AgeException("the age header holds a low-order X25519 share");
        }
        byte[] salt = concat(share, identity.recipient().publicKey());
        byte[] wrapKey = Hkdf.sha256(shared, salt, X25519_LABEL, 32);
        try {
          fileKey = chacha(Cipher.DECRYPT_MODE, wrapKey, new byte[12], stanza.body());
          break;
        } catch (AeadFailure notOurs) {
          // Another recipient's stanza: try the next identity, then the next stanza.
        }
      }
      if (fileKey != null) {
        break;
      }
    }
    if (fileKey == null) {
      throw new AgeException(
          "no identity matches any recipient of this age file (the key is not one it was encrypted to)");
    }
    if (!MessageDigest.isEqual(headerMac(fileKey, header.macInput()), header.mac())) {
      throw new AgeException("the age header's MAC does not match: the file was altered");
    }
    return payload(file, header.payloadOffset(), fileKey);
  }

  private static byte[] payload(byte[] file, int start, byte[] fileKey) throws AgeException {
    if (file.length - start < 16 + TAG) {
      throw new AgeException("the age payload is truncated");
    }
    byte[] nonce = Arrays.copyOfRange(file, start, start + 16);
    byte[] payloadKey = Hkdf.sha256(fileKey, nonce, "payload", 32);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int offset = start + 16;
    long counter = 0;
    while (offset < file.length) {
      int length = Math.min(CHUNK + TAG, file.length - offset);
      boolean last = offset + length == file.length;
      if (length < TAG || (last && length == TAG && counter > 0)) {
        throw new AgeException("the age payload ends with a malformed chunk");
      }
      byte[] chunk = Arrays.copyOfRange(file, offset, offset + length);
      try {
        out.writeBytes(
            chacha(Cipher.DECRYPT_MODE, payloadKey, streamNonce(counter++, last), chunk));
      } catch (AeadFailure e) {
        throw new AgeException(
            "the age payload does not authenticate: the file was altered or cut");
      }
      offset += length;
    }
    return out.toByteArray();
  }

  private static byte[] streamNonce(long counter, boolean last) {
    byte[] nonce = new byte[12];
    for (int i = 0; i < 8; i++) {
      nonce[10 - i] = (byte) (counter >>> (8 * i));
    }
    nonce[11] = (byte) (last ? 1 : 0);
    return nonce;
  }

  private static byte[] headerMac(byte[] fileKey, String headerUpToDashes) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Hkdf.sha256(fileKey, new byte[0], "header", 32), "HmacSHA256"));
      return mac.doFinal(headerUpToDashes.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  /** Thrown inside this class when a ChaCha20-Poly1305 tag does not verify. */
  private static final class AeadFailure extends RuntimeException {
    AeadFailure() {
      super(null, null, false, false);
    }
  }

  private static byte[] chacha(int mode, byte[] key, byte[] nonce, byte[] input) {
    try {
      // A new Cipher each time: the JDK refuses to reuse one for the same key and nonce.
      Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
      cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new AeadFailure();
    } catch (GeneralSecurityException e) {
      if (mode == Cipher.DECRYPT_MODE) {
        throw new AeadFailure();
      }
      throw new IllegalStateException("the JDK lacks ChaCha20-Poly1305", e);
    }
  }

  private static void appendWrapped(StringBuilder out, String base64) {
    // Body lines are 64 columns; the last one is shorter, so an exact multiple ends with "".
    for (int i = 0; i <= base64.length(); i += 64) {
      out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
  }

  static byte[] decodeCanonical(String text) throws AgeException {
    try {
      byte[] decoded = Base64.getDecoder().decode(text);
      if (!RAW.encodeToString(decoded).equals(text)) {
        throw new AgeException("non-canonical base64 in the age header");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw new AgeException("invalid base64 in the age header");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** One recipient stanza: its type, arguments and body. */
  record Stanza(String type, List<String> args, byte[] body) {}

  /**
   * The parsed header: stanzas, the bytes the MAC covers, the MAC, and where the payload starts.
   */
  record Header(List<Stanza> stanzas, String macInput, byte[] mac, int payloadOffset) {

    static Header parse(byte[] file) throws AgeException {
      int[] position = {0};
      String version = line(file, position);
      if (!VERSION_LINE.equals(version)) {
        throw new AgeException("not an age v1 file (first line is not " + VERSION_LINE + ")");
      }
      List<Stanza> stanzas = new ArrayList<>();
      while (true) {
        int lineStart = position[0];
        String line = line(file, position);
        if (line.startsWith("---")) {
          if (!line.startsWith("--- ") || stanzas.isEmpty()) {
            throw new AgeException("malformed age header end");
          }
          String macInput = new String(file, 0, lineStart + 3, StandardCharsets.US_ASCII);
          byte[] mac = decodeCanonical(line.substring(4));
          if (mac.length != 32) {
            throw new AgeException("malformed age header MAC");
          }
          return new Header(stanzas, macInput, mac, position[0]);
        }
        if (!line.startsWith("-> ")) {
          throw new AgeException("malformed age header line");
        }
        List<String> args = List.of(line.substring(3).split(" ", -1));
        for (String arg : args) {
          if (arg.isEmpty()) {
            throw new AgeException("empty argument in an age stanza");
          }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
          String bodyLine = line(file, position);
          if (bodyLine.length() > 64) {
            throw new AgeException("age stanza body line longer than 64 columns");
          }
          body.writeBytes(decodeCanonical(bodyLine));
          if (bodyLine.length() < 64) {
            break;
          }
        }
        stanzas.add(new Stanza(args.get(0), args.subList(1, args.size()), body.toByteArray()));
      }
    }

    private static String line(byte[] file, int[] position) throws AgeException {
      int start = position[0];
      for (int i = start; i < file.length; i++) {
        if (file[i] == '\n') {
          position[0] = i + 1;
          for (int j = start; j < i; j++) {
            if (file[j] < 32 || file[j] > 126) {
              throw new AgeException("non-printable character in the age header");
            }
          }
          return new String(file, start, i - start, StandardCharsets.US_ASCII);
        }
      }
      throw new AgeException("the age header is truncated");
    }
  }
}
