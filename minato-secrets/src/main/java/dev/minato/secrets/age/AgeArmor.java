package dev.minato.secrets.age;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * age's ASCII armor: the binary file in padded base64, 64 columns, between BEGIN and END lines.
 * This is the form SOPS keeps in a file's {@code sops.age[].enc}.
 */
public final class AgeArmor {

  private static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
  private static final String END = "-----END AGE ENCRYPTED FILE-----";

  private AgeArmor() {}

  public static String armor(byte[] file) {
    String base64 = Base64.getEncoder().encodeToString(file);
    StringBuilder out = new StringBuilder(BEGIN).append('\n');
    for (int i = 0; i < base64.length(); i += 64) {
      out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    return out.append(END).append('\n').toString();
  }

  public static byte[] dearmor(String text) throws AgeException {
    String trimmed = text.strip().replace("\r\n", "\n");
    if (!trimmed.startsWith(BEGIN + "\n") || !trimmed.endsWith("\n" + END)) {
      throw new AgeException("not an armored age file (no BEGIN/END AGE ENCRYPTED FILE lines)");
    }
    String[] lines =
        trimmed.substring(BEGIN.length() + 1, trimmed.length() - END.length() - 1).split("\n");
    StringBuilder base64 = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].length() > 64 || (i < lines.length - 1 && lines[i].length() != 64)) {
        throw new AgeException("armored age file has a line that is not 64 columns");
      }
      base64.append(lines[i]);
    }
    try {
      byte[] file = Base64.getDecoder().decode(base64.toString());
      if (!Base64.getEncoder().encodeToString(file).contentEquals(base64)) {
        throw new AgeException("armored age file has non-canonical base64");
      }
      return file;
    } catch (IllegalArgumentException e) {
      throw new AgeException("armored age file has invalid base64");
    }
  }

  /** Whether {@code text} looks armored (used to accept both forms where a file is read). */
  public static boolean isArmored(byte[] bytes) {
    return new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII)
        .strip()
        .startsWith(BEGIN);
  }
}
