package dev.minato.shadow.replay;

import dev.minato.logs.read.AlbParser;
import dev.minato.logs.read.LtsvParser;
import dev.minato.logs.read.NginxCombinedParser;
import dev.minato.manifest.Suggestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The logs replay reads, by the names written after {@code --format}. */
public enum ReplayFormat {
  NGINX("nginx"),
  LTSV("ltsv"),
  ALB("alb"),
  HAR("har");

  private final String id;

  ReplayFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<ReplayFormat> of(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id.equals(lower)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ReplayFormat::id).toList();
  }

  public static String didYouMean(String name) {
    return Suggestions.didYouMean(name, ids());
  }

  /** The requests of {@code file} read in this format. */
  public RequestSource source(Path file) {
    return switch (this) {
      case NGINX -> new LineLogSource(file, new NginxCombinedParser(), EventRequests.nginx());
      case LTSV -> new LineLogSource(file, new LtsvParser(), EventRequests.ltsv());
      case ALB -> new LineLogSource(file, new AlbParser(), EventRequests.alb());
      case HAR -> new HarSource(file);
    };
  }

  /**
   * The format of a log by its name and first non-blank line: {@code .har} or a JSON object is HAR,
   * a line with a tab and a {@code label:} is LTSV, a line starting with an ALB type and an ISO
   * time is ALB, anything else is nginx combined (whose reader then names what is wrong).
   */
  public static ReplayFormat detect(Path file) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".har")) {
      return HAR;
    }
    String first = "";
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String line;
      while ((line = in.readLine()) != null && first.isBlank()) {
        first = line.strip();
      }
    }
    if (first.startsWith("{")) {
      return HAR;
    }
    if (first.contains("\t") && first.matches("^[0-9A-Za-z_.-]+:.*")) {
      return LTSV;
    }
    if (first.matches("^(http|https|h2|grpcs|ws|wss) [0-9]{4}-[0-9]{2}-[0-9]{2}T.*")) {
      return ALB;
    }
    return NGINX;
  }
}
