package dev.minato.cluster.sandbox;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One open watch: the WebSocket a client upgraded to and the events it is owed, in order. Events
 * may be owed before the WebSocket opens (the replay, and changes stored while the upgrade is under
 * way); they wait here and go out first. Every frame goes through one sending thread, since Vert.x
 * writes a frame at once on its event loop but queues it from any other thread, and frames from two
 * threads could then pass each other.
 */
final class EmulatedWatch extends WebSocketListener {

  private static final int NORMAL_CLOSURE = 1000;

  private final String resource;
  private final AttributeSet query;
  private final Executor sender;
  private final int mostPending;
  private final Consumer<EmulatedWatch> ended;
  private final List<String> pending = new ArrayList<>();
  private WebSocket socket;
  private boolean closing;
  private boolean over;

  /**
   * {@code mostPending}: how many events may wait for the WebSocket to open. A client that never
   * completes its upgrade must not make the emulator keep events forever; past this the watch ends,
   * and a client that was only slow finds it closed and resumes as after any break.
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

  /** Sends {@code frame} after every frame sent before it. */
  void send(String frame) {
    boolean overflow;
    synchronized (this) {
      if (over || closing) {
        return;
      }
      if (socket != null) {
        WebSocket open = socket;
        submit(() -> open.send(frame));
        return;
      }
      pending.add(frame);
      overflow = pending.size() > mostPending;
    }
    if (overflow) {
      end();
    }
  }

  /** Ends the watch from the server's side once every frame owed has been sent. */
  void close() {
    synchronized (this) {
      if (over || closing) {
        return;
      }
      closing = true;
      if (socket == null) {
        return;
      }
      WebSocket open = socket;
      submit(() -> open.close(NORMAL_CLOSURE, ""));
    }
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    synchronized (this) {
      socket = webSocket;
      if (over) {
        submit(() -> webSocket.close(NORMAL_CLOSURE, "too many events waited for this watch"));
        return;
      }
      for (String frame : pending) {
        submit(() -> webSocket.send(frame));
      }
      pending.clear();
      if (closing) {
        submit(() -> webSocket.close(NORMAL_CLOSURE, ""));
      }
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    // The client ends the watch: answer its close, as a server must.
    submit(() -> webSocket.close(code, reason));
    end();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    end();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
    end();
  }

  private void end() {
    synchronized (this) {
      if (over) {
        return;
      }
      over = true;
      pending.clear();
    }
    ended.accept(this);
  }

  private void submit(Runnable frame) {
    try {
      sender.execute(frame);
    } catch (RejectedExecutionException stopped) {
      // The emulator is closing; its server closes every WebSocket anyway.
    }
  }
}
