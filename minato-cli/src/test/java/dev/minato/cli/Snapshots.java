package dev.minato.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a directory holds, to compare before and after a command. */
public final class Snapshots {

  private Snapshots() {}

  /** Every regular file below {@code root}, by relative path, with its text. */
  public static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readString(file));
      }
    }
    return files;
  }

  /**
   * The regular files below {@code root} whose bytes contain {@code text} (read as ISO-8859-1, so
   * any file, binary or not, is searched): a plaintext that must exist nowhere on disk.
   */
  public static List<Path> filesContaining(Path root, String text) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> found = new java.util.ArrayList<>();
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
          found.add(file);
        }
      }
      return found;
    }
  }

  /** The names directly in {@code dir}, hidden ones included, sorted. */
  public static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
