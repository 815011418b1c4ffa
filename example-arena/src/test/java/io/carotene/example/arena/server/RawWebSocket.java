package io.carotene.example.arena.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a plain socket, for the frames a WebSocket library would never let
 * a test send: the HTTP upgrade by hand, then raw bytes out and frames in (RFC 6455).
 */
final class RawWebSocket implements AutoCloseable {
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  /** A frame the server sent. */
  record Frame(int opcode, byte[] payload) {
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }

    String closeReason() {
      return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens {@code /ws} on {@code port} with {@code token} and checks the server switched protocols. */
  static RawWebSocket connect(int port, String token) throws IOException {
    return connect(port, token, "/ws");
  }

  /** Opens {@code target} ({@code /ws?reservation=…} on a server of rooms) on {@code port} with {@code token}. */
  static RawWebSocket connect(int port, String token, String target) throws IOException {
    Socket socket = new Socket("localhost", port);
    socket.setSoTimeout(10_000);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request = "GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
        + "Authorization: Bearer " + token + "\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    RawWebSocket ws = new RawWebSocket(socket);
    String head = ws.readHttpHead();
    assertThat(head).as("the upgrade's answer").startsWith("HTTP/1.1 101");
    return ws;
  }

  private String readHttpHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (true) {
      head.write(in.readUnsignedByte());
      byte[] bytes = head.toByteArray();
      int n = bytes.length;
      if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
        return new String(bytes, StandardCharsets.US_ASCII);
      }
    }
  }

  /** Sends {@code bytes} as they are. */
  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** A final, masked frame of {@code opcode} carrying {@code payload} (at most 125 bytes). */
  static byte[] frame(int opcode, byte[] payload) {
    return fragment(opcode, true, payload);
  }

  /**
   * A masked frame of {@code opcode} ({@code 0} for a continuation) carrying {@code payload} (at most
   * 65,535 bytes), the message's last when {@code fin}.
   */
  static byte[] fragment(int opcode, boolean fin, byte[] payload) {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    int header = payload.length <= 125 ? 2 : 4;
    byte[] frame = new byte[header + 4 + payload.length];
    frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
    if (header == 2) {
      frame[1] = (byte) (0x80 | payload.length);
    } else {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (payload.length >>> 8);
      frame[3] = (byte) payload.length;
    }
    System.arraycopy(mask, 0, frame, header, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }

  /** The next frame the server sends (unmasked, as servers send them). */
  Frame next() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  /** Reads frames (snapshots, pongs) until the close frame, and returns it. */
  Frame awaitClose() throws IOException {
    while (true) {
      Frame frame = next();
      if (frame.opcode() == OP_CLOSE) {
        return frame;
      }
    }
  }

  static byte[] hex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
