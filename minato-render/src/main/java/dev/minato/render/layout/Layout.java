package dev.minato.render.layout;

import dev.minato.spec.App;
import dev.minato.spec.read.SpecError;
import dev.minato.spec.read.SpecException;
import java.util.List;

/** The two ways generated manifests are laid out on disk. */
public enum Layout {
  /** {@code <app>/base/} and {@code <app>/overlays/<env>/}, built with kustomize. */
  KUSTOMIZE,
  /** {@code <app>/<env>.yaml}, applied with {@code kubectl apply -f}. */
  FLAT;

  /**
   * The files of every app in this layout, or every problem the spec's patches and extra objects
   * have with the rendered objects.
   */
  public GeneratedFiles write(List<App> apps) throws SpecException {
    // Apps render independently, so in parallel; merging in list order keeps output stable.
    List<Rendered> perApp = apps.parallelStream().map(this::render).toList();
    List<SpecError> errors = perApp.stream().flatMap(r -> r.errors().stream()).toList();
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
    GeneratedFiles files = new GeneratedFiles();
    perApp.forEach(r -> files.addAll(r.files()));
    return files;
  }

  private Rendered render(App app) {
    try {
      return new Rendered(
          this == KUSTOMIZE ? KustomizeLayout.write(app) : FlatLayout.write(app), List.of());
    } catch (SpecException e) {
      return new Rendered(new GeneratedFiles(), e.errors());
    }
  }

  private record Rendered(GeneratedFiles files, List<SpecError> errors) {}
}
