package dev.minato.shadow.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Linux scheduling policies of this JVM's threads, read from /proc, for tests. */
public final class SchedulingClass {

  /** {@code SCHED_IDLE} as /proc shows it. */
  public static final int IDLE = 5;

  /** {@code SCHED_OTHER}, every thread's class unless changed. */
  public static final int NORMAL = 0;

  private SchedulingClass() {}

  /** True where threads can be moved to the idle class: Linux with util-linux's chrt. */
  public static boolean available() {
    if (!Files.isSymbolicLink(Path.of("/proc/thread-self"))) {
      return false;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "chrt")));
  }

  /** The policy of the calling thread. */
  public static int ofCurrentThread() {
    return policy(Path.of("/proc/thread-self"));
  }

  /** The policies of this process's threads whose (15-character) names start with a prefix. */
  public static List<Integer> ofThreadsNamed(String prefix) {
    List<Integer> policies = new ArrayList<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        String name = read(task.resolve("comm")).strip();
        if (name.startsWith(prefix)) {
          policies.add(policy(task));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return policies;
  }

  private static int policy(Path task) {
    return read(task.resolve("sched"))
        .lines()
        .filter(line -> line.startsWith("policy"))
        .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
        .findFirst()
        .orElseThrow();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
