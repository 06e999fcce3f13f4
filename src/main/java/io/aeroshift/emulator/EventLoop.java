package io.aeroshift.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread serving many client connections: it reads requests, runs short commands
 * inline and writes replies, so a request costs no thread hand-off (on a 2-core machine the
 * hand-off of a thread-per-connection server, not the command, was the cost). Anything that may
 * take long runs on the cluster's worker pool and streams back through the connection's bounded
 * outbound queue ({@link ClientConnection}).
 */
final class EventLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private volatile boolean stopped;

  EventLoop(String name) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for " + name, e);
    }
    thread = new Thread(this, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  Selector selector() {
    return selector;
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs the task on the loop thread, soon; callable from any thread. */
  void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** Makes the selector return so it deregisters channels closed from another thread. */
  void wakeup() {
    selector.wakeup();
  }

  void stop() {
    stopped = true;
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (!stopped) {
        selector.select();
        runTasks();
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey key = ready.next();
          ready.remove();
          ClientConnection c = (ClientConnection) key.attachment();
          if (key.isValid()) c.onReady(key.readyOps());
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!stopped) LOG.log(System.Logger.Level.ERROR, thread.getName() + " stopped: " + e);
    } finally {
      closeAll();
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, thread.getName() + ": task failed", e);
      }
    }
  }

  private void closeAll() {
    try {
      for (SelectionKey key : selector.keys()) ((ClientConnection) key.attachment()).close();
      selector.close();
    } catch (IOException | ClosedSelectorException ignored) {
      // shutting down: nothing left to serve
    }
  }
}
