package dev.minato.logs.write;

import dev.minato.manifest.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The line formats the engine writes, by the names users write. */
public enum OutputFormat {
  JSON("json", new JsonLinesWriter()),
  LTSV("ltsv", new LtsvWriter());

  private final String id;
  private final LineWriter writer;

  OutputFormat(String id, LineWriter writer) {
    this.id = id;
    this.writer = writer;
  }

  public String id() {
    return id;
  }

  /** The writer of this format; stateless, shared. */
  public LineWriter writer() {
    return writer;
  }

  /** The format named {@code name}, case-insensitively. */
  public static Optional<OutputFormat> of(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id.equals(lower)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(OutputFormat::id).toList();
  }

  public static String didYouMean(String name) {
    return Suggestions.didYouMean(name, ids());
  }
}
