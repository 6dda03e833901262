package dev.minato.shadow.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Moves the calling thread to Linux's idle scheduling class ({@code SCHED_IDLE}): it then runs only
 * on CPU time no other thread of the machine wants, and any thread that wakes up takes its core at
 * once. The shadow proxy's mirror loops and comparison thread run so: on the 2-core bench they
 * shared the cores with the event loop that answers clients, nginx and the load generator, and a
 * client whose answer waited behind a copy or a comparison for the scheduler's next turn was the
 * tail of the latency the proxy added.
 *
 * <p>Java has no call for it, so {@code chrt --idle} (util-linux) is run on the thread's own id,
 * read from {@code /proc/thread-self}; lowering one's own thread needs no privilege. Best effort:
 * elsewhere than Linux, without {@code chrt}, or when it fails, the thread keeps its priority and
 * the proxy works as before, only with a longer tail under CPU contention.
 */
public final class BackgroundPriority {

  private static final Path THREAD_SELF = Path.of("/proc/thread-self");

  private BackgroundPriority() {}

  /**
   * Lowers the calling thread's priority.
   *
   * @return true when the thread now runs in the idle class
   */
  public static boolean lowerCurrentThread() {
    if (!Files.isSymbolicLink(THREAD_SELF)) {
      return false;
    }
    try {
      // "/proc/thread-self" points at "<pid>/task/<tid>".
      String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
      Process chrt =
          new ProcessBuilder("chrt", "--idle", "--pid", "0", tid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!chrt.waitFor(5, TimeUnit.SECONDS)) {
        chrt.destroyForcibly();
        return false;
      }
      return chrt.exitValue() == 0;
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort, as the class says: readSymbolicLink throws UnsupportedOperationException on a
      // file system without links, ProcessBuilder.start on a platform without processes, and
      // IOException when chrt is missing. The thread then keeps its priority.
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
