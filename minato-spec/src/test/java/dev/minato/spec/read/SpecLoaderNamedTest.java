package dev.minato.spec.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minato.spec.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SpecLoader#loadNamed}: a command about one app parses only the spec files that can name
 * it, and still finds every definition of that name.
 */
class SpecLoaderNamedTest {

  @TempDir Path repo;

  private void spec(String dir, String name) throws IOException {
    write(
        dir,
        "apiVersion: minato.dev/v1\nkind: App\nmetadata:\n  name: "
            + name
            + "\nspec:\n  image: registry.example.com/x:1.0\n  port: 8080\n"
            + "  resources: {cpu: 500m, memory: 512Mi}\n");
  }

  private void write(String dir, String text) throws IOException {
    Path file = repo.resolve(dir).resolve("minato.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static List<String> names(List<App> apps) {
    return apps.stream().map(App::name).toList();
  }

  @Test
  void readsOnlyTheFilesThatHoldTheName() throws Exception {
    spec("apps/shop", "shop");
    spec("apps/shop-api", "shop-api");
    spec("apps/cart", "cart");
    write("apps/broken", "apiVersion: minato.dev/v1\nkind: App\nmetadata: [not, a, mapping\n");

    List<App> apps = SpecLoader.loadNamed(List.of(repo), "shop");

    assertThat(names(apps)).containsExactly("shop", "shop-api");
  }

  @Test
  void findsANameSpelledWithAnEscape() throws Exception {
    spec("apps/cart", "cart");
    spec("apps/shop", "\"\\x73hop\"");

    assertThat(names(SpecLoader.loadNamed(List.of(repo), "shop"))).contains("shop");
  }

  @Test
  void aNameAnotherScalarTypeCouldSpellIsLookedUpInEveryFile() throws Exception {
    spec("apps/hex", "0x10");
    spec("apps/cart", "cart");

    assertThat(names(SpecLoader.loadNamed(List.of(repo), "16"))).containsExactly("16", "cart");
  }

  @Test
  void aNameDefinedTwiceIsStillAnError() throws Exception {
    spec("apps/shop", "shop");
    spec("apps/shop-copy", "shop");

    SpecException e =
        catchThrowableOfType(
            SpecException.class, () -> SpecLoader.loadNamed(List.of(repo), "shop"));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("app 'shop' is also defined at");
  }

  @Test
  void anErrorInAFileThatHoldsTheNameIsReported() throws Exception {
    spec("apps/cart", "cart");
    write("apps/shop", "apiVersion: minato.dev/v1\nkind: App\nmetadata: {name: shop}\n");

    SpecException e =
        catchThrowableOfType(
            SpecException.class, () -> SpecLoader.loadNamed(List.of(repo), "shop"));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("apps/shop/minato.yaml").contains("spec");
  }

  @Test
  void aNameNoFileHoldsGivesNoSuchApp() throws Exception {
    spec("apps/cart", "cart");

    assertThat(SpecLoader.loadNamed(List.of(repo), "shop")).isEmpty();
  }
}
