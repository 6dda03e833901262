package dev.minato.logs.read;

import dev.minato.manifest.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The line formats the engine reads, by the names users write on a command line or in a spec. */
public enum LogFormat {
  LTSV("ltsv", new LtsvParser()),
  JSON("json", new JsonLineParser()),
  NGINX_COMBINED("nginx", new NginxCombinedParser());

  private final String id;
  private final LineParser parser;

  LogFormat(String id, LineParser parser) {
    this.id = id;
    this.parser = parser;
  }

  /** The name users write: {@code ltsv}, {@code json}, {@code nginx}. */
  public String id() {
    return id;
  }

  /** The parser of this format; stateless, shared. */
  public LineParser parser() {
    return parser;
  }

  /** The format named {@code name}, case-insensitively. */
  public static Optional<LogFormat> of(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id.equals(lower)).findFirst();
  }

  /** The names, for messages and did-you-mean. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(LogFormat::id).toList();
  }

  /** {@code ", did you mean 'x'?"} for a misspelt name, or nothing. */
  public static String didYouMean(String name) {
    return Suggestions.didYouMean(name, ids());
  }
}
