package io.carotene.loadgen;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client connection (RFC 6455) over a plain NIO socket, as lean as a load generator
 * needs: the opening handshake (blocking, once), then non-blocking reads on an {@link IoLoop} that
 * walk the server's frames, keep the first {@link FrameHead#HEAD_CHARS} bytes of each message and
 * skip the rest without decoding or copying it, and masked text frames written by the sender.
 *
 * <p>Why not the JDK's {@code java.net.http.WebSocket}: it decodes every text frame into
 * characters and hands them over through its own schedulers; at 100 bots receiving 20 KB snapshots
 * 60 times a second it took more CPU than the server it was measuring, on the same two cores.
 */
final class WebSocketConnection {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  static final int OP_CONTINUATION = 0;
  static final int OP_TEXT = 1;
  static final int OP_BINARY = 2;
  static final int OP_CLOSE = 8;
  static final int OP_PING = 9;
  static final int OP_PONG = 10;

  /** What the connection hands its owner, on the IO loop's thread. */
  interface Handler {
    /** A whole data message: its first bytes in {@code head}, its payload length in all. */
    void onMessage(int opcode, AsciiView head, long payloadBytes, long nanos);

    void onClose(int code, String reason);

    void onError(Throwable error);
  }

  final SocketChannel channel;
  private final Handler handler;
  private final Object writeLock = new Object();
  private ByteBuffer unsent; // the rest of a frame the socket did not take (sender's lock)

  // ---- read state (IO loop thread only) ----
  private final byte[] header = new byte[14];
  private int headerHave;
  private int headerNeed = 2;
  private long payloadLeft = -1; // -1: reading a header
  private int frameOpcode;
  private boolean frameFin;
  private int messageOpcode = -1;
  private long messageBytes;
  private final AsciiView head = new AsciiView(FrameHead.HEAD_CHARS);
  private final byte[] control = new byte[125];
  private int controlHave;
  long wireBytesRead;
  private boolean closed;

  private WebSocketConnection(SocketChannel channel, Handler handler) {
    this.channel = channel;
    this.handler = handler;
  }

  /**
   * Connects and performs the opening handshake with {@code Authorization: Bearer token}; bytes
   * the server sent after its 101 (the first snapshot, often) are kept for the IO loop. Blocking;
   * the returned connection is non-blocking, not yet registered.
   */
  static WebSocketConnection open(URI ws, String token, Handler handler, int timeoutMillis) throws IOException {
    String host = ws.getHost();
    int port = ws.getPort() > 0 ? ws.getPort() : 80;
    SocketChannel channel = SocketChannel.open();
    try {
      channel.socket().connect(new InetSocketAddress(host, port), timeoutMillis);
      channel.socket().setSoTimeout(timeoutMillis);
      channel.socket().setTcpNoDelay(true);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String key = Base64.getEncoder().encodeToString(nonce);
      String path = (ws.getRawPath() == null || ws.getRawPath().isEmpty() ? "/" : ws.getRawPath())
          + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
      String request = "GET " + path + " HTTP/1.1\r\n"
          + "Host: " + host + ":" + port + "\r\n"
          + "Upgrade: websocket\r\n"
          + "Connection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + key + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n"
          + "Authorization: Bearer " + token + "\r\n"
          + "\r\n";
      ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
      while (out.hasRemaining()) {
        channel.write(out);
      }
      // Read the response head through the socket's stream so the timeout applies.
      var in = channel.socket().getInputStream();
      ByteBuffer response = ByteBuffer.allocate(16 * 1024);
      int end = -1;
      while (end < 0) {
        if (!response.hasRemaining()) {
          throw new IOException("Handshake response head too large");
        }
        int n = in.read(response.array(), response.position(), response.remaining());
        if (n < 0) {
          throw new EOFException("Server closed during the handshake");
        }
        response.position(response.position() + n);
        end = indexOfBlankLine(response.array(), response.position());
      }
      String headText = new String(response.array(), 0, end, StandardCharsets.ISO_8859_1);
      String[] lines = headText.split("\r\n");
      if (!lines[0].matches("HTTP/1\\.1 101.*")) {
        throw new HandshakeRefused(lines[0]);
      }
      String accept = null;
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
          accept = line.substring(colon + 1).trim();
        }
      }
      if (!expectedAccept(key).equals(accept)) {
        throw new IOException("Bad Sec-WebSocket-Accept: " + accept);
      }
      channel.configureBlocking(false);
      WebSocketConnection connection = new WebSocketConnection(channel, handler);
      int leftover = response.position() - (end + 4);
      connection.leftover = ByteBuffer.wrap(response.array(), end + 4, leftover).slice();
      return connection;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private ByteBuffer leftover;

  /** A connection without a socket, for walking frames in tests. */
  static WebSocketConnection unconnected(Handler handler) {
    return new WebSocketConnection(null, handler);
  }

  static String expectedAccept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOfBlankLine(byte[] b, int length) {
    for (int i = 0; i + 3 < length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The IO loop: once registered, hands over what the handshake read past the 101. */
  void start(long nanos) {
    if (leftover != null && leftover.hasRemaining()) {
      wireBytesRead += leftover.remaining();
      consume(leftover, nanos);
    }
    leftover = null;
  }

  /** The IO loop: reads what the socket has into {@code buffer} and walks it. False once closed. */
  boolean readable(ByteBuffer buffer) {
    if (closed) {
      return false;
    }
    try {
      for (int round = 0; round < 4; round++) {
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
          fail(new EOFException("Server closed the socket"));
          return false;
        }
        if (n == 0) {
          return true;
        }
        wireBytesRead += n;
        buffer.flip();
        consume(buffer, System.nanoTime());
        if (closed) {
          return false;
        }
        if (n < buffer.capacity()) {
          return true;
        }
      }
      return true;
    } catch (IOException e) {
      fail(e);
      return false;
    }
  }

  /** Walks frames in {@code in}, which may end anywhere (inside a header or a payload). */
  void consume(ByteBuffer in, long nanos) {
    while (in.hasRemaining() && !closed) {
      if (payloadLeft < 0) {
        while (headerHave < headerNeed && in.hasRemaining()) {
          header[headerHave++] = in.get();
          if (headerHave == 2) {
            int len7 = header[1] & 0x7f;
            headerNeed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
          }
        }
        if (headerHave < headerNeed) {
          return;
        }
        frameFin = (header[0] & 0x80) != 0;
        frameOpcode = header[0] & 0x0f;
        int len7 = header[1] & 0x7f;
        long length = len7;
        if (len7 == 126) {
          length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        } else if (len7 == 127) {
          length = 0;
          for (int i = 2; i < 10; i++) {
            length = (length << 8) | (header[i] & 0xff);
          }
        }
        headerHave = 0;
        headerNeed = 2;
        payloadLeft = length;
        if (frameOpcode >= OP_CLOSE) {
          controlHave = 0;
        } else if (frameOpcode != OP_CONTINUATION) {
          messageOpcode = frameOpcode;
          messageBytes = 0;
          head.length = 0;
        }
      }
      // payload
      int take = (int) Math.min(payloadLeft, in.remaining());
      if (frameOpcode >= OP_CLOSE) {
        in.get(control, controlHave, Math.min(take, control.length - controlHave));
        controlHave += take;
      } else {
        int room = head.bytes.length - head.length;
        if (room > 0) {
          int copy = Math.min(room, take);
          in.get(head.bytes, head.length, copy);
          head.length += copy;
          in.position(in.position() + take - copy);
        } else {
          in.position(in.position() + take);
        }
        messageBytes += take;
      }
      payloadLeft -= take;
      if (payloadLeft == 0) {
        payloadLeft = -1;
        frameDone(nanos);
      }
    }
  }

  private void frameDone(long nanos) {
    switch (frameOpcode) {
      case OP_CLOSE -> {
        int code = controlHave >= 2 ? ((control[0] & 0xff) << 8) | (control[1] & 0xff) : 1005;
        String reason = controlHave > 2 ? new String(control, 2, controlHave - 2, StandardCharsets.UTF_8) : "";
        closed = true;
        try {
          writeFrame(OP_CLOSE, control, 0, Math.min(controlHave, 2)); // echo the code, then drop
        } catch (IOException ignored) {
          // closing anyway
        }
        closeQuietly();
        handler.onClose(code, reason);
      }
      case OP_PING -> {
        try {
          writeFrame(OP_PONG, control, 0, controlHave);
        } catch (IOException e) {
          fail(e);
        }
      }
      case OP_PONG -> {
        // unsolicited: ignore
      }
      default -> {
        if (frameFin && messageOpcode >= 0) {
          handler.onMessage(messageOpcode, head, messageBytes, nanos);
          messageOpcode = -1;
        }
      }
    }
  }

  private void fail(Throwable error) {
    if (!closed) {
      closed = true;
      closeQuietly();
      handler.onError(error);
    }
  }

  boolean isClosed() {
    return closed;
  }

  void closeQuietly() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /**
   * Sends one masked frame from any thread (writes are serialized). Returns false when the socket
   * still holds part of an earlier frame: this one is not sent (the sender counts it as busy).
   */
  boolean writeFrame(int opcode, byte[] payload, int offset, int length) throws IOException {
    return writeFrames(opcode, payload, offset, length, -1, null, 0, 0);
  }

  /**
   * Sends two masked frames in one write (e.g. an ack and an input, as a game client sends them
   * together each frame); {@code secondOpcode} -1 sends only the first. Same rules as {@link
   * #writeFrame}.
   */
  boolean writeFrames(int opcode, byte[] payload, int offset, int length,
      int secondOpcode, byte[] second, int secondOffset, int secondLength) throws IOException {
    synchronized (writeLock) {
      if (unsent != null) {
        channel.write(unsent);
        if (unsent.hasRemaining()) {
          return false;
        }
        unsent = null;
      }
      int need = frameBytes(length) + (secondOpcode < 0 ? 0 : frameBytes(secondLength));
      ByteBuffer frame = sendBuffer.capacity() >= need ? sendBuffer.clear() : ByteBuffer.allocate(need);
      putMasked(frame, opcode, payload, offset, length);
      if (secondOpcode >= 0) {
        putMasked(frame, secondOpcode, second, secondOffset, secondLength);
      }
      frame.flip();
      channel.write(frame);
      if (frame.hasRemaining()) {
        unsent = frame == sendBuffer ? ByteBuffer.allocate(frame.remaining()).put(frame).flip() : frame;
      }
      return true;
    }
  }

  /** Reused for every write that fits; the sender's lock guards it. */
  private final ByteBuffer sendBuffer = ByteBuffer.allocate(1024);

  private static int frameBytes(int length) {
    return 2 + (length < 126 ? 0 : length < 65536 ? 2 : 8) + 4 + length;
  }

  private static void putMasked(ByteBuffer frame, int opcode, byte[] payload, int offset, int length) {
    frame.put((byte) (0x80 | opcode));
    if (length < 126) {
      frame.put((byte) (0x80 | length));
    } else if (length < 65536) {
      frame.put((byte) (0x80 | 126)).putShort((short) length);
    } else {
      frame.put((byte) (0x80 | 127)).putLong(length);
    }
    int mask = ThreadLocalRandom.current().nextInt();
    frame.putInt(mask);
    for (int i = 0; i < length; i++) {
      frame.put((byte) (payload[offset + i] ^ (mask >>> (8 * (3 - (i & 3))))));
    }
  }

  /** The server refused the WebSocket (e.g. 401): its status line. */
  static final class HandshakeRefused extends IOException {
    HandshakeRefused(String statusLine) {
      super(statusLine, null);
    }
  }
}
