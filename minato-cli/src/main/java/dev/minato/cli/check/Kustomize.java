package dev.minato.cli.check;

import dev.minato.cli.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Renders a kustomize directory with the real {@code kubectl kustomize}, so what is checked is
 * exactly what {@code kubectl apply -k} would send.
 */
final class Kustomize {

  private final String kubectl;

  Kustomize(String kubectl) {
    this.kubectl = kubectl;
  }

  /** The rendered multi-document YAML. */
  String render(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw UserError.invalidInput(
          dir + ": -k needs a kustomize directory (with kustomization.yaml)");
    }
    Process process;
    try {
      process =
          new ProcessBuilder(List.of(kubectl, "kustomize", dir.toString()))
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
    } catch (IOException e) {
      throw UserError.environment(
          "cannot run '"
              + kubectl
              + " kustomize' ("
              + e.getMessage()
              + "); install kubectl (it includes kustomize) or render the directory yourself and"
              + " pipe it in: kustomize build "
              + dir
              + " | minato check -");
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> errors =
          CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
      String output = drain(process.getInputStream());
      int exit = process.waitFor();
      if (exit != 0) {
        throw UserError.invalidInput(
            "kustomize could not render " + dir + ": " + errors.join().strip());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UserError.environment("interrupted while kustomize rendered " + dir);
    }
  }

  private static String drain(InputStream stream) {
    try (stream) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      stream.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
