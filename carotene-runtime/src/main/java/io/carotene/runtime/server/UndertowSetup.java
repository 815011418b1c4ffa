package io.carotene.runtime.server;

import io.carotene.runtime.CaroteneConfigurationException;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.net.BindException;

/** How a {@link CaroteneServer} sets Undertow up: its buffers, its IO threads, a failed bind. */
final class UndertowSetup {
  private UndertowSetup() {}

  /** Undertow with {@code buffers} and {@code ioThreads} IO threads ({@link #defaultIoThreads()} when 0). */
  static Undertow.Builder builder(int ioThreads, ByteBufferPool buffers) {
    return Undertow.builder()
        .setByteBufferPool(buffers)
        .setIoThreads(ioThreads > 0 ? ioThreads : defaultIoThreads());
  }

  /**
   * Half the cores, at least one: the other half is for the world threads, which must start each
   * tick on time. Undertow's own default (one per core, at least two) puts three busy threads on
   * two cores; on this project's 2-core machine one IO thread served 400 and 800 clients with
   * 10-22% less server CPU and no worse tick or input-to-ack latency (BENCHMARKS.md, "v3 under load").
   */
  static int defaultIoThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /**
   * The buffers every connection reads and writes through. Undertow's default pool keeps at most
   * four free buffers per thread and no shared queue: every other freed buffer is deallocated, so
   * under a few hundred sockets most frame reads allocated a fresh direct buffer (and its {@code
   * Cleaner}) and freed it again (JFR at 800 clients). This one keeps a shared queue of {@value
   * #POOLED_BUFFERS} free buffers of {@value #BUFFER_BYTES} bytes (16 MiB) behind {@value
   * #BUFFERS_PER_THREAD} per thread (256 KiB a thread).
   */
  static ByteBufferPool bufferPool() {
    return new DefaultByteBufferPool(true, BUFFER_BYTES, POOLED_BUFFERS, BUFFERS_PER_THREAD);
  }

  static final int BUFFER_BYTES = 16 * 1024;
  static final int POOLED_BUFFERS = 1024;
  static final int BUFFERS_PER_THREAD = 16;

  /** A listener on {@code host:port} serving {@code handler}, started; a failure to bind says what to fix. */
  static Undertow started(int ioThreads, ByteBufferPool buffers, String host, int port, HttpHandler handler) {
    Undertow undertow = builder(ioThreads, buffers).addHttpListener(port, host).setHandler(handler).build();
    try {
      undertow.start();
      return undertow;
    } catch (RuntimeException e) {
      throw bindFailure(host, port, e);
    }
  }

  /** What to fix when the listener could not bind; {@code e} itself for any other failure. */
  static RuntimeException bindFailure(String host, int port, RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return new CaroteneConfigurationException(
            "Cannot listen on " + host + ":" + port + " (" + cause.getMessage()
                + "). Is another server running there? Set PORT to a free port.");
      }
    }
    return e;
  }
}
