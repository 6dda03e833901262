package dev.minato.render.collector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.manifest.AtomicDirectory;
import dev.minato.manifest.YamlWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the collector's objects, replacing the output directory as a whole with {@link
 * AtomicDirectory} (a kill leaves the old output or the new, never a mix). A marker file proves a
 * directory came from {@code minato collector}; any other non-empty directory is refused, because
 * replacing it would delete someone's files.
 */
public final class CollectorDirectory {

  public static final String MARKER = ".minato-collector";
  public static final String OBJECTS_FILE = "collector.yaml";

  private CollectorDirectory() {}

  /** Thrown when the target exists, is not empty, and was not written by minato collector. */
  public static final class NotOursException extends IOException {
    NotOursException(Path dir) {
      super(
          dir
              + " exists, is not empty and was not written by minato collector (no "
              + MARKER
              + " file); choose another output directory or empty it");
    }
  }

  public static void replace(Path target, List<ObjectNode> objects) throws IOException {
    AtomicDirectory directory = AtomicDirectory.prepare(target);
    Path absolute = directory.target();
    if (Files.exists(absolute) && !isOurs(absolute)) {
      throw new NotOursException(target);
    }
    try (AtomicDirectory.Staged staged = directory.stage()) {
      Files.writeString(staged.path().resolve(OBJECTS_FILE), YamlWriter.writeAll(objects));
      Files.writeString(
          staged.path().resolve(MARKER),
          "This directory is written by 'minato collector' and replaced on every run.\n");
      staged.commit();
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
