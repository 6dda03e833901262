package dev.minato.load.engine;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/**
 * Errors of the JVM itself (out of memory, above all) must end a run with the environment's exit
 * code, never pass for a failed request or a missed SLO. Netty's event loops log and swallow
 * whatever a task or a handler throws, and Java's scheduled executors keep it in a future nobody
 * reads, so such an error would never reach the thread's uncaught-exception handler, which is where
 * the command line turns it into exit 3. Every task the engine hands to a loop or a scheduler goes
 * through {@link #guard}, and handlers pass what they catch to {@link #escalateIfFatal}.
 */
final class JvmErrors {

  private JvmErrors() {}

  /** {@code task}, with a JVM error it throws handed to the thread's uncaught-exception handler. */
  static Runnable guard(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (VirtualMachineError e) {
        escalate(e);
        throw e;
      }
    };
  }

  /** {@code listener}, with a JVM error it throws handed to the uncaught-exception handler. */
  static <F extends Future<?>> GenericFutureListener<F> guard(GenericFutureListener<F> listener) {
    return future -> {
      try {
        listener.operationComplete(future);
      } catch (VirtualMachineError e) {
        escalate(e);
        throw e;
      }
    };
  }

  /** Hands {@code failure} to the thread's uncaught-exception handler if the JVM itself failed. */
  static void escalateIfFatal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof VirtualMachineError) {
        escalate(t);
        return;
      }
    }
  }

  private static void escalate(Throwable error) {
    Thread thread = Thread.currentThread();
    thread.getUncaughtExceptionHandler().uncaughtException(thread, error);
  }
}
