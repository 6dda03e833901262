package dev.minato.cli.demo;

import java.io.PrintWriter;

/** Headings of the demo's steps. */
final class DemoSteps {

  private DemoSteps() {}

  static void step(PrintWriter out, String title) {
    out.println();
    out.println("== " + title);
  }
}
