package dev.minato.spec.read;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds spec files below a directory: {@code minato.yaml} (or {@code .yml}) and {@code
 * *.minato.yaml}, the convention that lets a repository keep one spec per app next to its code.
 * Hidden directories and build output are skipped.
 */
public final class SpecFiles {

  private static final Set<String> SKIPPED = Set.of("target", "node_modules", "build", "vendor");

  private SpecFiles() {}

  public static boolean isSpecFile(Path file) {
    String name = file.getFileName().toString();
    return name.equals("minato.yaml")
        || name.equals("minato.yml")
        || name.endsWith(".minato.yaml")
        || name.endsWith(".minato.yml");
  }

  /** Spec files below {@code directory}, sorted by path so output never depends on the disk. */
  public static List<Path> find(Path directory) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            boolean skip =
                !dir.equals(directory) && (name.startsWith(".") || SKIPPED.contains(name));
            return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && isSpecFile(file)) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(null);
    return found;
  }
}
