package dev.minato.manifest.input;

import dev.minato.manifest.ManifestException;
import dev.minato.manifest.SourcePosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomize directory with the real {@code kubectl kustomize}, so what minato reads is
 * exactly what {@code kubectl apply -k} would send (patches, namespaces, labels, generators).
 */
public final class Kustomize {

  private static final long TIMEOUT_MINUTES = 5;

  private final String kubectl;

  /** {@code kubectl}: the command to run; tests name a missing one. */
  public Kustomize(String kubectl) {
    this.kubectl = kubectl;
  }

  /** The rendered multi-document YAML; a directory kustomize refuses is invalid input. */
  public String render(Path dir) throws ManifestException, InputUnavailableException {
    SourcePosition source = SourcePosition.ofSource("-k " + dir);
    if (!Files.isDirectory(dir)) {
      throw new ManifestException(
          source, "-k needs a kustomize directory (one holding kustomization.yaml)");
    }
    Process process;
    try {
      process = new ProcessBuilder(List.of(kubectl, "kustomize", dir.toString())).start();
    } catch (IOException e) {
      throw new InputUnavailableException(
          "cannot run '"
              + kubectl
              + " kustomize' ("
              + e.getMessage()
              + "); install kubectl (it includes kustomize), or render the directory yourself and"
              + " pipe it in: kustomize build "
              + dir
              + " | minato <command> -f -",
          e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> errors =
          CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
      String output = drain(process.getInputStream());
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new InputUnavailableException(
            kubectl + " kustomize " + dir + " did not finish in " + TIMEOUT_MINUTES + " minutes",
            null);
      }
      if (process.exitValue() != 0) {
        throw new ManifestException(
            source, "kustomize could not render " + dir + ": " + errors.join().strip());
      }
      return output;
    } catch (IOException | UncheckedIOException e) {
      throw new InputUnavailableException(
          kubectl + " kustomize " + dir + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputUnavailableException("interrupted while kustomize rendered " + dir, e);
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
