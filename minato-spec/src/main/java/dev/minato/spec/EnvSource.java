package dev.minato.spec;

/**
 * A ConfigMap or Secret whose every key becomes an environment variable ({@code envFrom}). An
 * {@code optional} source may be missing; otherwise the pod does not start until it exists.
 */
public record EnvSource(Kind kind, String name, boolean optional) {

  public enum Kind {
    CONFIG_MAP("configMap", "configMapRef"),
    SECRET("secret", "secretRef");

    private final String spelling;
    private final String reference;

    Kind(String spelling, String reference) {
      this.spelling = spelling;
      this.reference = reference;
    }

    /** The key in minato.yaml: {@code configMap} or {@code secret}. */
    public String spelling() {
      return spelling;
    }

    /** The key in a Kubernetes {@code envFrom} entry: {@code configMapRef} or {@code secretRef}. */
    public String reference() {
      return reference;
    }
  }
}
