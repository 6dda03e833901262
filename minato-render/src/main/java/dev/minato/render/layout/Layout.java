package dev.minato.render.layout;

import dev.minato.spec.App;
import java.util.List;

/** The two ways generated manifests are laid out on disk. */
public enum Layout {
  /** {@code <app>/base/} and {@code <app>/overlays/<env>/}, built with kustomize. */
  KUSTOMIZE,
  /** {@code <app>/<env>.yaml}, applied with {@code kubectl apply -f}. */
  FLAT;

  /** The files of every app in this layout. */
  public GeneratedFiles write(List<App> apps) {
    // Apps render independently, so in parallel; merging in list order keeps output stable.
    List<GeneratedFiles> perApp =
        apps.parallelStream()
            .map(app -> this == KUSTOMIZE ? KustomizeLayout.write(app) : FlatLayout.write(app))
            .toList();
    GeneratedFiles files = new GeneratedFiles();
    perApp.forEach(files::addAll);
    return files;
  }
}
