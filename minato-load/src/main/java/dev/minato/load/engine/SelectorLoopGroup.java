package dev.minato.load.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.MultithreadEventLoopGroup;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/** The {@link SelectorLoop}s of a run, one thread each. */
final class SelectorLoopGroup extends MultithreadEventLoopGroup {

  SelectorLoopGroup(int threads, ThreadFactory threadFactory) {
    super(threads, threadFactory);
  }

  @Override
  protected EventLoop newChild(Executor executor, Object... args) {
    return new SelectorLoop(this, executor);
  }
}
