package dev.minato.release.edit;

import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.Positions;
import dev.minato.manifest.SourcePosition;
import dev.minato.release.ReleaseException;
import dev.minato.spec.Image;
import java.util.Optional;

/**
 * Changes the image of one environment, or of the base spec, in a spec file's text, and nothing
 * else: comments, key order, quoting and blank lines stay as they were. An existing value is
 * replaced in its own character range (found from the position minato's YAML reader kept) in its
 * own quoting style; an environment without {@code image} gets one as its first key, at the
 * indentation its other keys use (or inside its flow mapping {@code {…}}).
 */
public final class ImageEdit {

  private ImageEdit() {}

  /**
   * The text with the image of {@code environment} (the base's when empty) set to {@code
   * reference}. {@code positions} are the document's, as the spec reader kept them.
   */
  public static String apply(
      String text, Positions positions, Optional<String> environment, String reference)
      throws ReleaseException {
    SourceText source = new SourceText(text);
    if (environment.isEmpty()) {
      return replaceScalar(source, at(positions, "/spec/image", "spec.image"), reference);
    }
    String env = environment.get();
    String envPointer = JsonPointers.child("/environments", env);
    Optional<SourcePosition> tag = positions.exactValue(envPointer + "/imageTag");
    if (tag.isPresent()) {
      return replaceTag(source, tag.get(), positions, envPointer, env, reference);
    }
    Optional<SourcePosition> image = positions.exactValue(envPointer + "/image");
    if (image.isPresent()) {
      return replaceScalar(source, image.get(), reference);
    }
    return insert(source, positions, envPointer, env, reference);
  }

  private static SourcePosition at(Positions positions, String pointer, String field)
      throws ReleaseException {
    return positions
        .exactValue(pointer)
        .orElseThrow(() -> ReleaseException.invalid("the spec has no " + field + " to change"));
  }

  private static String replaceScalar(SourceText source, SourcePosition at, String value) {
    int start = source.offset(at);
    int end = source.scalarEnd(start);
    String original = source.text().substring(start, end);
    return source.replace(start, end, SourceText.quotedLike(original, value)).text();
  }

  /**
   * An environment that sets only {@code imageTag} keeps doing so: the tag is replaced when the
   * released image is the same repository with a tag; anything else cannot be said with a tag.
   */
  private static String replaceTag(
      SourceText source,
      SourcePosition tag,
      Positions positions,
      String envPointer,
      String env,
      String reference)
      throws ReleaseException {
    Image released = Image.parse(reference);
    String repositoryPointer =
        positions.exactValue(envPointer + "/image").isPresent()
            ? envPointer + "/image"
            : "/spec/image";
    int start = source.offset(at(positions, repositoryPointer, "image"));
    String written = unquote(source.text().substring(start, source.scalarEnd(start)));
    String repository = Image.parse(written).repository();
    if (!released.repository().equals(repository)
        || released.tag().isEmpty()
        || released.digest().isPresent()) {
      throw ReleaseException.invalid(
          tag.source()
              + ":"
              + tag.line()
              + ":"
              + tag.column()
              + ": environments."
              + env
              + ".imageTag sets only the tag of "
              + repository
              + ", which cannot hold "
              + reference
              + "; replace imageTag with image in that environment, or release a tag of "
              + repository);
    }
    return replaceScalar(source, tag, released.tag().get());
  }

  private static String unquote(String scalar) {
    if (scalar.length() >= 2 && (scalar.startsWith("\"") || scalar.startsWith("'"))) {
      return scalar.substring(1, scalar.length() - 1);
    }
    return scalar;
  }

  private static String insert(
      SourceText source, Positions positions, String envPointer, String env, String reference)
      throws ReleaseException {
    SourcePosition keyAt = positions.key(envPointer);
    int key = source.offset(keyAt);
    int colon = source.text().indexOf(':', key);
    String afterColon = colon < 0 ? "" : source.restOfLine(colon + 1).strip();
    String entry = "image: " + SourceText.plainOrQuoted(reference);
    if (afterColon.startsWith("{")) {
      int brace = source.text().indexOf('{', colon);
      boolean empty = afterColon.substring(1).strip().startsWith("}");
      return source.replace(brace + 1, brace + 1, empty ? entry : entry + ", ").text();
    }
    if (!afterColon.isEmpty()) {
      throw ReleaseException.invalid(
          keyAt
              + ": environments."
              + env
              + " is '"
              + afterColon
              + "', not a mapping; write it as a mapping ("
              + env
              + ": {}) to release into it");
    }
    Optional<SourcePosition> valueAt = positions.exactValue(envPointer);
    if (valueAt.isPresent()
        && valueAt.get().line() > keyAt.line()
        && valueAt.get().column() > keyAt.column()) {
      // A block mapping: its first key sets the indentation the new key takes.
      int first = source.offset(valueAt.get());
      int lineStart = source.lineStart(first);
      String indent = " ".repeat(valueAt.get().column() - 1);
      if (!source.text().substring(lineStart, first).isBlank()) {
        throw ReleaseException.invalid(
            valueAt.get() + ": cannot add image to environments." + env + " in this layout");
      }
      return source.replace(lineStart, lineStart, indent + entry + "\n").text();
    }
    // An empty environment ('prd:'): the key gets a block mapping of one entry.
    int lineEnd = source.lineEnd(key);
    String indent = " ".repeat(keyAt.column() + 1);
    String newline = lineEnd < source.text().length() ? "" : "\n";
    return source
        .replace(
            lineEnd,
            lineEnd,
            newline.isEmpty() ? "\n" + indent + entry : "\n" + indent + entry + "\n")
        .text();
  }
}
