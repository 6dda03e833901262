package dev.minato.render.objects;

/** The values of {@code app.kubernetes.io/component}. */
final class Components {

  static final String WEB = "web";
  static final String WORKER = "worker";
  static final String JOB = "job";

  private Components() {}
}
