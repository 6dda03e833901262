package dev.minato.logs.mask;

import dev.minato.logs.LogEvent;
import dev.minato.logs.write.JsonLinesWriter;
import dev.minato.logs.write.LtsvWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * A seeded mix of LTSV, JSON and nginx lines with planted secrets and look-alike decoys, each line
 * knowing which strings it planted, so a test can say which survived masking.
 */
final class SeededCorpus {

  enum Kind {
    LTSV,
    JSON,
    NGINX
  }

  /** One generated line, what must disappear from it and what must stay. */
  record Line(Kind kind, String text, List<String> secrets, List<String> decoys) {}

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String TOKEN =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final Random random;

  SeededCorpus(long seed) {
    this.random = new Random(seed);
  }

  List<Line> lines(int count) {
    List<Line> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(line(i));
    }
    return lines;
  }

  private Line line(int index) {
    List<String> secrets = new ArrayList<>();
    List<String> decoys = new ArrayList<>();
    Kind kind = Kind.values()[random.nextInt(3)];
    if (kind == Kind.NGINX) {
      String ip = ipv4();
      secrets.add(ip);
      String email = plant(secrets, email());
      String decoy = decoy(decoys);
      String text =
          ip
              + " - - [30/Nov/2026:12:00:"
              + String.format("%02d", index % 60)
              + " +0000] \"GET /orders?contact="
              + email
              + "&ref="
              + decoy.replace(' ', '+')
              + " HTTP/1.1\" 200 "
              + random.nextInt(9999)
              + " \"-\" \"curl/8.5\"";
      decoys.set(decoys.size() - 1, decoy.replace(' ', '+'));
      return new Line(kind, text, secrets, decoys);
    }
    LinkedHashMap<String, String> fields = new LinkedHashMap<>();
    fields.put("time", "2026-11-30T12:00:" + String.format("%02d", index % 60) + "Z");
    fields.put("level", random.nextBoolean() ? "info" : "warn");
    fields.put("app", List.of("checkout", "search", "auth").get(random.nextInt(3)));
    fields.put("client", random.nextInt(4) == 0 ? ipv6() : ipv4());
    secrets.add(fields.get("client"));
    StringBuilder msg = new StringBuilder("request done");
    int planted = 1 + random.nextInt(2);
    for (int p = 0; p < planted; p++) {
      msg.append(' ').append(secretInText(secrets));
    }
    msg.append(" near ").append(decoy(decoys));
    msg.append(" and ").append(decoy(decoys));
    fields.put("msg", msg.toString());
    if (random.nextInt(5) == 0) {
      fields.put("password", plant(secrets, "pw-" + token(12)));
    }
    if (random.nextInt(5) == 0) {
      fields.put("refresh_token", plant(secrets, token(24)));
    }
    fields.put("duration_ms", String.valueOf(random.nextInt(5000)));
    LogEvent event = new LogEvent(fields);
    String text =
        kind == Kind.LTSV ? new LtsvWriter().format(event) : new JsonLinesWriter().format(event);
    return new Line(kind, text, secrets, decoys);
  }

  private static String plant(List<String> secrets, String secret) {
    secrets.add(secret);
    return secret;
  }

  /** A secret with the words around it; only the secret itself is planted. */
  private String secretInText(List<String> secrets) {
    return switch (random.nextInt(8)) {
      case 0 -> "card " + plant(secrets, card(random.nextBoolean()));
      case 1 -> "by " + plant(secrets, email());
      case 2 -> "jwt " + plant(secrets, jwt());
      case 3 -> "Bearer " + plant(secrets, token(32));
      case 4 -> "key " + plant(secrets, "AKIA" + base32(16));
      case 5 ->
          plant(
              secrets,
              "-----BEGIN RSA PRIVATE KEY-----\\nMII"
                  + token(40)
                  + "\\n-----END RSA PRIVATE KEY-----");
      case 6 -> plant(secrets, "SSN " + digits(3) + "-" + digits(2) + "-" + digits(4));
      default -> "pay " + plant(secrets, card(false));
    };
  }

  private String decoy(List<String> decoys) {
    String decoy =
        switch (random.nextInt(10)) {
          case 0 -> "order " + failingLuhn();
          case 1 -> "@Override";
          case 2 -> "lib@" + random.nextInt(9) + "." + random.nextInt(20) + ".0";
          case 3 -> "user@localhost";
          case 4 -> "ts " + (1_700_000_000_000_000L + random.nextInt(1_000_000_000));
          case 5 -> "eyJ" + token(10) + ".x" + token(6) + ".y";
          case 6 -> "AKIA" + token(16).toLowerCase();
          case 7 ->
              "v"
                  + random.nextInt(10)
                  + "."
                  + random.nextInt(10)
                  + "."
                  + random.nextInt(10)
                  + ".1.2";
          case 8 -> "at 12:" + String.format("%02d", random.nextInt(60)) + ":00";
          default -> "-----BEGIN CERTIFICATE-----";
        };
    decoys.add(decoy);
    return decoy;
  }

  String card(boolean grouped) {
    StringBuilder digits = new StringBuilder("4");
    for (int i = 0; i < 14; i++) {
      digits.append(random.nextInt(10));
    }
    for (int check = 0; check < 10; check++) {
      if (CardNumbers.luhn(digits + String.valueOf(check), 0, 16)) {
        digits.append(check);
        break;
      }
    }
    if (!grouped) {
      return digits.toString();
    }
    return digits.substring(0, 4)
        + " "
        + digits.substring(4, 8)
        + " "
        + digits.substring(8, 12)
        + " "
        + digits.substring(12);
  }

  private String failingLuhn() {
    String card = card(false);
    int last = card.charAt(15) - '0';
    return card.substring(0, 15) + ((last + 1) % 10);
  }

  private String email() {
    return token(6).replace('-', 'x').replace('_', 'y').toLowerCase()
        + "."
        + digits(3)
        + "@"
        + List.of("example.com", "mail.example.org", "shop.io").get(random.nextInt(3));
  }

  private String jwt() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(("{\"sub\":\"" + digits(8) + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + token(43);
  }

  private String ipv4() {
    return (1 + random.nextInt(223))
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  private String ipv6() {
    return "2001:db8:"
        + Integer.toHexString(random.nextInt(65536))
        + "::"
        + Integer.toHexString(1 + random.nextInt(65535));
  }

  private String token(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(TOKEN.charAt(random.nextInt(TOKEN.length())));
    }
    return out.toString();
  }

  private String base32(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(BASE32.charAt(random.nextInt(BASE32.length())));
    }
    return out.toString();
  }

  private String digits(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }
}
