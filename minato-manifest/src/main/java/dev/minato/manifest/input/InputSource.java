package dev.minato.manifest.input;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One place manifests are read from, as kubectl names them: a file or a directory ({@code -f
 * PATH}), the standard input ({@code -f -}), or a kustomize directory rendered by {@code kubectl
 * kustomize} ({@code -k DIR}).
 */
public sealed interface InputSource {

  /** The source as a command line would name it ({@code -f deploy/prd.yaml}, {@code -k dir}). */
  String describe();

  /**
   * The same, with paths normalised and made relative to the repository that holds them, so the
   * record an inventory keeps does not depend on the directory a command was started from.
   */
  String recorded();

  /** {@code -f FILE} or {@code -f DIR}: a file, or every manifest below a directory. */
  record Files(Path path) implements InputSource {
    public Files {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return "-f " + path;
    }

    @Override
    public String recorded() {
      return "-f " + RepositoryPath.of(path);
    }
  }

  /** {@code -f -}: a YAML stream on the standard input. */
  record Stdin() implements InputSource {
    /** How positions in the standard input are named. */
    public static final String NAME = "<stdin>";

    @Override
    public String describe() {
      return "-f -";
    }

    @Override
    public String recorded() {
      return "-f -";
    }
  }

  /** {@code -k DIR}: what {@code kubectl kustomize DIR} renders. */
  record Kustomization(Path directory) implements InputSource {
    public Kustomization {
      Objects.requireNonNull(directory, "directory");
    }

    @Override
    public String describe() {
      return "-k " + directory;
    }

    @Override
    public String recorded() {
      return "-k " + RepositoryPath.of(directory);
    }
  }

  /** {@code -f ARG} as kubectl reads it: {@code -} is the standard input. */
  static InputSource fileArgument(String argument) {
    return argument.equals("-") ? new Stdin() : new Files(Path.of(argument));
  }
}
