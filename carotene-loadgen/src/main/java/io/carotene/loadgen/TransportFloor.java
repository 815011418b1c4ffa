package io.carotene.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * What the load test's traffic costs this machine with no server and no game at all: N loopback
 * TCP connections, each carrying an input of {@code --input-bytes} up 60 times a second (spread
 * over the period, as the bots' pacer sends them) and a snapshot of {@code --snapshot-bytes} down
 * every {@code --tick-micros} (16,000: the Arena's {@code @Loop(every = "16ms")}, written to every
 * connection at once, as the server does after a tick), both sides read through NIO selectors,
 * but no WebSocket framing, no parsing, no world. Whatever CPU this takes, a real server plus its
 * bots on the same machine take more.
 *
 * <p>Run: {@code java -cp carotene-loadgen/target/loadgen.jar io.carotene.loadgen.TransportFloor
 * --connections 800}. It prints the messages moved per second each way (as read by the other
 * side), writes that the kernel took only in part, the cores this process used (user and kernel,
 * from {@code /proc/self/stat}) and the whole machine's busy cores (from {@code /proc/stat}: also
 * counts softirq work the kernel did outside this process) over the measured window.
 */
public final class TransportFloor {
  private static final long INPUT_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1) / 60;

  private TransportFloor() {}

  public static void main(String[] args) throws Exception {
    int connections = 800;
    int inputBytes = 47; // a HandleInput binary call frame with its WebSocket header
    int snapshotBytes = 700; // an Arena delta with ~35 players in view, as the bots measured it
    int tickMicros = 16_000;
    int seconds = 10;
    int warmup = 5;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--connections" -> connections = Integer.parseInt(required(args[i], value));
        case "--input-bytes" -> inputBytes = Integer.parseInt(required(args[i], value));
        case "--snapshot-bytes" -> snapshotBytes = Integer.parseInt(required(args[i], value));
        case "--tick-micros" -> tickMicros = Integer.parseInt(required(args[i], value));
        case "--seconds" -> seconds = Integer.parseInt(required(args[i], value));
        case "--warmup" -> warmup = Integer.parseInt(required(args[i], value));
        default -> {
          System.err.println("Unknown option " + args[i] + "; options: --connections N --input-bytes B"
              + " --snapshot-bytes B --tick-micros T --seconds S --warmup W");
          System.exit(2);
        }
      }
      i++;
    }
    System.out.println(run(connections, inputBytes, snapshotBytes, tickMicros, seconds, warmup));
    System.exit(0);
  }

  private static String required(String option, String value) {
    if (value == null) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return value;
  }

  static String run(int connections, int inputBytes, int snapshotBytes, int tickMicros, int seconds,
      int warmup) throws IOException, InterruptedException {
    SocketChannel[] clients = new SocketChannel[connections];
    SocketChannel[] servers = new SocketChannel[connections];
    try (ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connections);
      for (int i = 0; i < connections; i++) {
        clients[i] = SocketChannel.open(listener.getLocalAddress());
        servers[i] = listener.accept();
        for (SocketChannel channel : new SocketChannel[] {clients[i], servers[i]}) {
          channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
          channel.configureBlocking(false);
        }
      }
    }
    LongAdder inputBytesRead = new LongAdder();
    LongAdder snapshotBytesRead = new LongAdder();
    LongAdder shortWrites = new LongAdder();
    long tickNanos = TimeUnit.MICROSECONDS.toNanos(tickMicros);
    daemon("server-io", () -> readAll(servers, inputBytesRead));
    daemon("bots-io", () -> readAll(clients, snapshotBytesRead));
    daemon("server-tick", () -> writeEachTickAtOnce(servers, snapshotBytes, tickNanos, shortWrites));
    daemon("bots-pacer", () -> writeEachPeriodSpread(clients, inputBytes, shortWrites));

    Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
    CpuStats.Times before = CpuStats.Times.ofSelf();
    CpuStats machineBefore = new CpuStats(-1);
    long inputsBefore = inputBytesRead.sum();
    long snapshotsBefore = snapshotBytesRead.sum();
    long shortBefore = shortWrites.sum();
    long start = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    CpuStats.Times after = CpuStats.Times.ofSelf();
    CpuStats machineAfter = new CpuStats(-1);
    double window = (System.nanoTime() - start) / 1e9;
    double inputsPerSecond = (inputBytesRead.sum() - inputsBefore) / (double) inputBytes / window;
    double snapshotsPerSecond = (snapshotBytesRead.sum() - snapshotsBefore) / (double) snapshotBytes / window;
    double user = (after.userSeconds() - before.userSeconds()) / window;
    double kernel = (after.kernelSeconds() - before.kernelSeconds()) / window;
    double machine = (machineAfter.machineBusySeconds - machineBefore.machineBusySeconds) / window;
    return String.format(Locale.ROOT,
        "Transport floor: %d loopback TCP connections, %d-byte inputs up at 60 Hz, %d-byte snapshots down"
            + " every %d us, %d s measured%n"
            + "  inputs read      %.0f/s (%.1f per connection)%n"
            + "  snapshots read   %.0f/s (%.1f per connection)%n"
            + "  writes the kernel took only in part: %d%n"
            + "  cpu (cores busy) this process: user %.2f  kernel %.2f  total %.2f; whole machine %.2f of %d",
        connections, inputBytes, snapshotBytes, tickMicros, seconds,
        inputsPerSecond, inputsPerSecond / connections,
        snapshotsPerSecond, snapshotsPerSecond / connections,
        shortWrites.sum() - shortBefore,
        user, kernel, user + kernel, machine, Runtime.getRuntime().availableProcessors());
  }

  private interface Loop {
    void run() throws IOException;
  }

  private static void daemon(String name, Loop loop) {
    Thread thread = new Thread(() -> {
      try {
        loop.run();
      } catch (IOException e) {
        System.err.println(name + " stopped: " + e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** One selector over every channel; each ready channel is read once per wake-up, as XNIO does. */
  private static void readAll(SocketChannel[] channels, LongAdder bytesRead) throws IOException {
    Selector selector = Selector.open();
    for (SocketChannel channel : channels) {
      channel.register(selector, SelectionKey.OP_READ);
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    while (true) {
      selector.select();
      for (SelectionKey key : selector.selectedKeys()) {
        buffer.clear();
        int read = ((SocketChannel) key.channel()).read(buffer);
        if (read > 0) {
          bytesRead.add(read);
        }
      }
      selector.selectedKeys().clear();
    }
  }

  /** The server's send: every connection gets its snapshot at the start of each tick. */
  private static void writeEachTickAtOnce(SocketChannel[] channels, int bytes, long tickNanos,
      LongAdder shortWrites) throws IOException {
    ByteBuffer message = ByteBuffer.allocateDirect(bytes);
    long next = System.nanoTime();
    while (true) {
      for (SocketChannel channel : channels) {
        write(channel, message, shortWrites);
      }
      next += tickNanos;
      LockSupport.parkNanos(next - System.nanoTime());
    }
  }

  /** The bots' pacer: connection i sends at offset i/N of each 60 Hz period. */
  private static void writeEachPeriodSpread(SocketChannel[] channels, int bytes, LongAdder shortWrites)
      throws IOException {
    ByteBuffer message = ByteBuffer.allocateDirect(bytes);
    long periodStart = System.nanoTime();
    while (true) {
      for (int i = 0; i < channels.length; i++) {
        long wait = periodStart + INPUT_PERIOD_NANOS * i / channels.length - System.nanoTime();
        if (wait > 50_000) {
          LockSupport.parkNanos(wait);
        }
        write(channels[i], message, shortWrites);
      }
      periodStart += INPUT_PERIOD_NANOS;
    }
  }

  /** One write of the whole message; a write the kernel takes only in part is counted, not retried. */
  private static void write(SocketChannel channel, ByteBuffer message, LongAdder shortWrites) throws IOException {
    message.clear();
    channel.write(message);
    if (message.hasRemaining()) {
      shortWrites.increment();
    }
  }
}
