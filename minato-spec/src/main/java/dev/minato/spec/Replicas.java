package dev.minato.spec;

/** How many pods run; an HorizontalPodAutoscaler manages the count when {@code max > min}. */
public record Replicas(int min, int max, int cpuUtilization) {

  public boolean autoscaled() {
    return max > min;
  }
}
