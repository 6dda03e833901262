package dev.minato.cli.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The question asked before destructive work. On a terminal the user answers; anywhere else (CI, a
 * pipe) nobody can, so {@code --yes} is required instead of guessing.
 */
final class Confirmation {

  private Confirmation() {}

  /** Whether to go on: {@code yes} given, or a terminal user typed y. */
  static boolean confirmed(boolean yes, String question, PrintWriter out, PrintWriter err) {
    if (yes) {
      return true;
    }
    if (System.console() == null) {
      err.println(
          "minato: stdin is not a terminal; re-run with --yes to proceed with the plan above");
      err.flush();
      return false;
    }
    out.print(question + " [y/N] ");
    out.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer != null
          && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    } catch (IOException e) {
      return false;
    }
  }
}
