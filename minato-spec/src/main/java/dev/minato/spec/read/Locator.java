package dev.minato.spec.read;

import dev.minato.manifest.JsonPointers;
import dev.minato.manifest.Positions;
import dev.minato.manifest.SourcePosition;

/**
 * Finds where a node of the tree being bound came from, and what to call it. A base spec maps its
 * pointers straight into the document's {@code spec}; an environment's merged spec looks in that
 * environment's overrides first, so an error in an override points at the override and is named
 * {@code environments.<env>.…}.
 */
public interface Locator {

  /** The position of the value at {@code pointer} (relative to the tree being bound). */
  SourcePosition value(String pointer);

  /** The position of the key naming the value at {@code pointer}. */
  SourcePosition key(String pointer);

  /** The dotted field name for messages; {@code dotted} is its name under {@code spec}. */
  String field(String pointer, String dotted);

  /**
   * Pointers under {@code root} ({@code ""} for a document's top level, {@code /spec} for a spec).
   */
  static Locator at(Positions positions, String root) {
    return new Locator() {
      @Override
      public SourcePosition value(String pointer) {
        return positions.value(root + pointer);
      }

      @Override
      public SourcePosition key(String pointer) {
        return positions.key(root + pointer);
      }

      @Override
      public String field(String pointer, String dotted) {
        return dotted;
      }
    };
  }

  /** An environment's merged spec: its overrides first, then the base spec. */
  static Locator environment(Positions positions, String environment) {
    String overrides = JsonPointers.child("/environments", environment);
    Locator base = at(positions, "/spec");
    return new Locator() {
      @Override
      public SourcePosition value(String pointer) {
        return positions.exactValue(overrides + pointer).orElseGet(() -> base.value(pointer));
      }

      @Override
      public SourcePosition key(String pointer) {
        return positions.exactValue(overrides + pointer).isPresent()
            ? positions.key(overrides + pointer)
            : base.key(pointer);
      }

      @Override
      public String field(String pointer, String dotted) {
        if (positions.exactValue(overrides + pointer).isEmpty()) {
          return dotted;
        }
        return "environments." + environment + dotted.substring("spec".length());
      }
    };
  }

  /** An environment whose {@code imageTag} set the image: problems with it point at the tag. */
  static Locator imageTag(Locator environment, Positions positions, String tagPointer, String env) {
    return new Locator() {
      @Override
      public SourcePosition value(String pointer) {
        return pointer.equals("/image") ? positions.value(tagPointer) : environment.value(pointer);
      }

      @Override
      public SourcePosition key(String pointer) {
        return pointer.equals("/image") ? positions.key(tagPointer) : environment.key(pointer);
      }

      @Override
      public String field(String pointer, String dotted) {
        return pointer.equals("/image")
            ? "environments." + env + ".imageTag"
            : environment.field(pointer, dotted);
      }
    };
  }
}
