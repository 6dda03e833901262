package dev.minato.secrets.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP 173, checksum constant 1) as age uses it for keys: {@code age1…} recipients and
 * {@code AGE-SECRET-KEY-1…} identities. Like age, no 90-character limit is applied.
 */
final class Bech32 {

  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };

  /** A decoded string: its human-readable part (lower case) and data bytes. */
  record Decoded(String hrp, byte[] data) {}

  private Bech32() {}

  static String encode(String hrp, byte[] data) {
    String lowerHrp = hrp.toLowerCase(Locale.ROOT);
    byte[] values = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(lowerHrp, values);
    StringBuilder out = new StringBuilder(lowerHrp).append('1');
    for (byte value : values) {
      out.append(CHARSET.charAt(value));
    }
    for (byte value : checksum) {
      out.append(CHARSET.charAt(value));
    }
    return hrp.equals(lowerHrp) ? out.toString() : out.toString().toUpperCase(Locale.ROOT);
  }

  static Decoded decode(String text) throws AgeException {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!text.equals(lower) && !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw new AgeException("mixed upper and lower case in a Bech32 key");
    }
    int separator = lower.lastIndexOf('1');
    if (separator < 1 || separator + 7 > lower.length()) {
      throw new AgeException("not a Bech32 key: no separator or too short");
    }
    String hrp = lower.substring(0, separator);
    for (char c : hrp.toCharArray()) {
      if (c < 33 || c > 126) {
        throw new AgeException("invalid character in a Bech32 key's prefix");
      }
    }
    byte[] values = new byte[lower.length() - separator - 1];
    for (int i = 0; i < values.length; i++) {
      int index = CHARSET.indexOf(lower.charAt(separator + 1 + i));
      if (index < 0) {
        throw new AgeException("invalid character in a Bech32 key");
      }
      values[i] = (byte) index;
    }
    if (polymod(expand(hrp), values) != 1) {
      throw new AgeException("Bech32 checksum does not match: the key is mistyped or damaged");
    }
    byte[] payload = new byte[values.length - 6];
    System.arraycopy(values, 0, payload, 0, payload.length);
    return new Decoded(hrp, convertBits(payload, 5, 8, false));
  }

  private static byte[] checksum(String hrp, byte[] values) {
    byte[] padded = new byte[values.length + 6];
    System.arraycopy(values, 0, padded, 0, values.length);
    int mod = polymod(expand(hrp), padded) ^ 1;
    byte[] checksum = new byte[6];
    for (int i = 0; i < 6; i++) {
      checksum[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return checksum;
  }

  private static byte[] expand(String hrp) {
    byte[] out = new byte[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = (byte) (hrp.charAt(i) >> 5);
      out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static int polymod(byte[] hrp, byte[] values) {
    int chk = 1;
    for (byte[] part : new byte[][] {hrp, values}) {
      for (byte value : part) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
          if (((top >>> i) & 1) != 0) {
            chk ^= GENERATOR[i];
          }
        }
      }
    }
    return chk;
  }

  private static byte[] convertBits(byte[] data, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int max = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : data) {
      acc = (acc << from) | (b & ((1 << from) - 1));
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & max);
      }
    }
    if (pad && bits > 0) {
      out.write((acc << (to - bits)) & max);
    } else if (!pad && (bits >= from || ((acc << (to - bits)) & max) != 0)) {
      // Leftover bits must be zero padding shorter than one input group; anything else is not
      // what an encoder writes.
      return new byte[0];
    }
    return out.toByteArray();
  }
}
