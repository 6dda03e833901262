package dev.minato.cluster.sandbox;

import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One open watch: the events it is owed, in order, and the stream they go to ({@link WatchStream}:
 * a WebSocket or a chunked HTTP response; the watch does not care which). Events may be owed before
 * the stream opens (the replay, and changes stored while a WebSocket upgrade is under way); they
 * wait here and go out first. Everything written to the stream goes through one sending thread,
 * since Vert.x writes at once on its event loop but queues from any other thread, and writes from
 * two threads could then pass each other.
 */
final class EmulatedWatch {

  private final String resource;
  private final AttributeSet query;
  private final Executor sender;
  private final int mostPending;
  private final Consumer<EmulatedWatch> ended;
  private final List<String> pending = new ArrayList<>();
  private final List<Runnable> onEnd = new ArrayList<>();
  private WatchStream stream;
  private boolean closing;
  private boolean over;

  /**
   * {@code mostPending}: how many events may wait for the stream to open. A client that never
   * completes its WebSocket upgrade must not make the emulator keep events forever; past this the
   * watch ends, and a client that was only slow finds it closed and resumes as after any break.
   */
  EmulatedWatch(
      String resource,
      AttributeSet query,
      Executor sender,
      int mostPending,
      Consumer<EmulatedWatch> ended) {
    this.resource = resource;
    this.query = query;
    this.sender = sender;
    this.mostPending = mostPending;
    this.ended = ended;
  }

  String resource() {
    return resource;
  }

  AttributeSet query() {
    return query;
  }

  /** Sends {@code event} after every event sent before it. */
  void send(String event) {
    boolean overflow;
    synchronized (this) {
      if (over || closing) {
        return;
      }
      if (stream != null) {
        WatchStream open = stream;
        submit(() -> open.send(event));
        return;
      }
      pending.add(event);
      overflow = pending.size() > mostPending;
    }
    if (overflow) {
      gone(() -> {});
    }
  }

  /** Ends the watch from the server's side once every event owed has been sent. */
  void close() {
    synchronized (this) {
      if (over || closing) {
        return;
      }
      closing = true;
      if (stream != null) {
        submit(stream::end);
      }
    }
  }

  /** The stream is open: what waited goes out first, then what comes. */
  void attach(WatchStream opened) {
    synchronized (this) {
      stream = opened;
      if (over) {
        submit(opened::end);
        return;
      }
      for (String event : pending) {
        submit(() -> opened.send(event));
      }
      pending.clear();
      if (closing) {
        submit(opened::end);
      }
    }
  }

  /**
   * The stream is over (the client closed it, its connection broke, or the server's end went out):
   * nothing more is sent but {@code last}, which goes out after what was already on its way.
   */
  void gone(Runnable last) {
    List<Runnable> actions;
    synchronized (this) {
      if (over) {
        return;
      }
      over = true;
      pending.clear();
      submit(last);
      actions = List.copyOf(onEnd);
      onEnd.clear();
    }
    actions.forEach(Runnable::run);
    ended.accept(this);
  }

  /** Runs {@code action} when the watch is over (at once if it is): a timer's cancellation. */
  void whenOver(Runnable action) {
    synchronized (this) {
      if (!over) {
        onEnd.add(action);
        return;
      }
    }
    action.run();
  }

  private void submit(Runnable write) {
    try {
      sender.execute(write);
    } catch (RejectedExecutionException stopped) {
      // The emulator is closing; its server closes every connection anyway.
    }
  }
}
