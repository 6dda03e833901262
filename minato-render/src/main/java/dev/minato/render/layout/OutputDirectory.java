package dev.minato.render.layout;

import dev.minato.manifest.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Replaces an output directory as a whole with {@link AtomicDirectory}: files are written into a
 * hidden sibling directory first and swapped in with renames, so a failure, Ctrl-C or a kill leaves
 * either the old output or the new, never a mix, and the next run puts back or cleans what an
 * interrupted one left. A marker file proves a directory came from minato; any other non-empty
 * directory is refused, because replacing it would delete someone's files.
 */
public final class OutputDirectory {

  public static final String MARKER = ".minato-generated";

  private OutputDirectory() {}

  /** Thrown when the target exists, is not empty, and was not written by minato. */
  public static final class NotOursException extends IOException {
    NotOursException(Path dir) {
      super(
          dir
              + " exists, is not empty and was not written by minato generate (no "
              + MARKER
              + " file); choose another output directory or empty it");
    }
  }

  public static void replace(Path target, GeneratedFiles files) throws IOException {
    AtomicDirectory directory = AtomicDirectory.prepare(target);
    Path absolute = directory.target();
    if (Files.exists(absolute) && !isOurs(absolute)) {
      throw new NotOursException(target);
    }
    try (AtomicDirectory.Staged staged = directory.stage()) {
      writeAll(staged.path(), files);
      Files.writeString(
          staged.path().resolve(MARKER),
          "This directory is written by 'minato generate' and replaced on every run.\n");
      staged.commit();
    }
  }

  /**
   * What {@link #replace} would change in {@code target}, file by file, without touching it: for CI
   * that checks the committed output matches the specs. Empty when it is up to date.
   */
  public static List<OutputDifference> differences(Path target, GeneratedFiles files)
      throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    AtomicDirectory.recover(absolute);
    if (Files.exists(absolute) && !isOurs(absolute)) {
      throw new NotOursException(target);
    }
    Map<String, String> existing = new TreeMap<>();
    if (Files.isDirectory(absolute)) {
      try (Stream<Path> paths = Files.walk(absolute)) {
        for (Path file : paths.filter(Files::isRegularFile).toList()) {
          String relative = absolute.relativize(file).toString().replace('\\', '/');
          if (!relative.equals(MARKER)) {
            existing.put(relative, Files.readString(file, StandardCharsets.UTF_8));
          }
        }
      }
    }
    List<OutputDifference> differences = new ArrayList<>();
    files
        .files()
        .forEach(
            (path, content) -> {
              String now = existing.remove(path);
              if (now == null) {
                differences.add(new OutputDifference(OutputDifference.Kind.ADDED, path));
              } else if (!now.equals(content)) {
                differences.add(new OutputDifference(OutputDifference.Kind.CHANGED, path));
              }
            });
    existing
        .keySet()
        .forEach(
            path -> differences.add(new OutputDifference(OutputDifference.Kind.REMOVED, path)));
    differences.sort(OutputDifference.ORDER);
    return differences;
  }

  private static void writeAll(Path staging, GeneratedFiles files) throws IOException {
    Set<Path> directories = new TreeSet<>();
    for (String relative : files.files().keySet()) {
      directories.add(staging.resolve(relative).getParent());
    }
    for (Path dir : directories) {
      Files.createDirectories(dir);
    }
    try {
      files.files().entrySet().parallelStream()
          .forEach(
              file -> {
                try {
                  Files.writeString(
                      staging.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean isOurs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    if (Files.exists(dir.resolve(MARKER))) {
      return true;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }
}
