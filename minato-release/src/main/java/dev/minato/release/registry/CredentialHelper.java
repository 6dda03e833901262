package dev.minato.release.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minato.release.ReleaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Docker credential helper ({@code docker-credential-<name>}), run as Docker runs it: {@code get}
 * with the server on stdin, and JSON {@code {"Username": …, "Secret": …}} on stdout. The helper's
 * output is a secret: it is parsed, never printed, and its error output is not echoed either.
 *
 * @param name the helper's name in {@code config.json} ({@code ecr-login}, {@code pass}, …)
 * @param path the directories searched for the program, as {@code PATH} lists them
 */
public record CredentialHelper(String name, List<Path> path) {

  private static final long TIMEOUT_SECONDS = 30;

  /** The helper {@code name} looked up on this process's {@code PATH}. */
  public static CredentialHelper onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    return new CredentialHelper(
        name,
        java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(Path::of)
            .toList());
  }

  public CredentialHelper {
    path = List.copyOf(path);
  }

  String program() {
    return "docker-credential-" + name;
  }

  /**
   * The login the helper holds for {@code server}: a user and password, or an identity token when
   * the user is {@code <token>} (as Docker's helpers store one); empty when it holds none ({@code
   * credentials not found}, Docker's own answer). A helper that is missing, fails otherwise, hangs
   * or answers something else is an environment error: the user configured it, so going on
   * anonymously would hide the problem.
   */
  Optional<Login> get(String server) throws ReleaseException {
    Path program = find();
    Process process;
    try {
      process =
          new ProcessBuilder(program.toString(), "get")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw ReleaseException.environment(
          "cannot run the credential helper " + program + ": " + e.getMessage(), e);
    }
    byte[] answer;
    try (OutputStream in = process.getOutputStream();
        InputStream out = process.getInputStream()) {
      in.write(server.getBytes(StandardCharsets.UTF_8));
      in.close();
      // The answer is a few hundred bytes, well within a pipe's buffer: waiting for the exit
      // first cannot block the helper, and bounds the wait on one that hangs.
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw ReleaseException.environment(
            program() + " did not answer within " + TIMEOUT_SECONDS + " s", null);
      }
      answer = out.readAllBytes();
    } catch (IOException e) {
      process.destroyForcibly();
      throw ReleaseException.environment(
          "cannot talk to the credential helper " + program() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw ReleaseException.environment("interrupted waiting for " + program(), e);
    }
    String text = new String(answer, StandardCharsets.UTF_8).strip();
    if (process.exitValue() != 0) {
      // Docker's helpers say "credentials not found in native keychain" on stdout and exit 1.
      if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      throw ReleaseException.environment(
          program() + " get failed for " + server + " (exit " + process.exitValue() + ")", null);
    }
    return Optional.of(login(text, server));
  }

  private Login login(String json, String server) throws ReleaseException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      root = null;
    }
    String user = root == null ? "" : root.path("Username").asText("");
    String secret = root == null ? "" : root.path("Secret").asText("");
    if (user.isEmpty() || secret.isEmpty()) {
      throw ReleaseException.environment(
          program()
              + " answered for "
              + server
              + " without a Username and Secret (expected JSON as Docker's credential helpers"
              + " write it)",
          null);
    }
    // Docker's convention (docker/cli credentials/native_store.go): the user "<token>" marks the
    // secret as an identity token, to be exchanged at the registry's token service.
    return user.equals("<token>") ? new Login.IdentityToken(secret) : Login.Basic.of(user, secret);
  }

  private Path find() throws ReleaseException {
    for (Path dir : path) {
      Path candidate = dir.resolve(program());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw ReleaseException.environment(
        "the Docker config names the credential helper '"
            + name
            + "', but "
            + program()
            + " is not on PATH; install it, or pass a login with --registry-auth",
        null);
  }
}
