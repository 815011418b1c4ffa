package io.carotene.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** One thread and one selector that read many {@link WebSocketConnection}s. */
final class IoLoop implements Runnable {
  private final Selector selector;
  private final Queue<WebSocketConnection> joining = new ConcurrentLinkedQueue<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
  private final Thread thread;
  private volatile boolean stopped;

  IoLoop(String name) throws IOException {
    this.selector = Selector.open();
    this.thread = new Thread(this, name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Any thread: this loop reads {@code connection} from now on. */
  void add(WebSocketConnection connection) {
    joining.add(connection);
    selector.wakeup();
  }

  void stop() {
    stopped = true;
    selector.wakeup();
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        selector.select(100);
        WebSocketConnection next;
        while ((next = joining.poll()) != null) {
          try {
            next.channel.register(selector, SelectionKey.OP_READ, next);
            next.start(System.nanoTime());
          } catch (ClosedChannelException e) {
            // closed before it joined
          }
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          WebSocketConnection connection = (WebSocketConnection) key.attachment();
          if (!key.isValid() || !connection.readable(buffer)) {
            key.cancel();
          }
        }
      } catch (IOException e) {
        if (!stopped) {
          System.err.println("[loadgen] IO loop: " + e);
        }
      }
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // stopping
    }
  }
}
