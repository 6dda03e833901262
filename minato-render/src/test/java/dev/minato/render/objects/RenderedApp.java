package dev.minato.render.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minato.spec.App;
import dev.minato.spec.read.SpecReader;
import java.util.List;

/** Renders the spec of a test app named {@code shop}, written as the lines under {@code spec:}. */
final class RenderedApp {

  /** A minimal web app. */
  static final String WEB =
      "  image: shop:1.0\n  port: 8080\n  resources: {cpu: 500m, memory: 256Mi}\n";

  private static final String HEADER =
      "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop}\nspec:\n";

  private RenderedApp() {}

  static List<ObjectNode> render(String spec) throws Exception {
    App app = SpecReader.read("minato.yaml", HEADER + spec).get(0);
    return AppRenderer.render(app, app.spec());
  }
}
