package io.carotene.runtime.snapshot;

import java.nio.ByteBuffer;

/**
 * The IO side of one client, as the {@link SnapshotPublisher} sees it: where prepared snapshots go
 * and what tells that the client is slow. The socket's connection implements it; the world thread
 * calls it, and nothing here blocks or writes to a socket.
 */
public interface SnapshotOutbox {
  /** The session's user id: whose entry a radius interest centres on, whom a filter judges for. */
  String userId();

  SnapshotFormat format();

  /** False once the connection closed or the server began closing it. */
  boolean mayWrite();

  /** Whether the last snapshot handed over is not yet written to the socket. */
  boolean snapshotInFlight();

  /** Frames (replies, errors) handed to the IO thread and not yet written. */
  int framesInFlight();

  /** Replies queued since this client's frames were last handed to its IO thread. */
  int queuedSinceFlush();

  /**
   * The JSON snapshot of {@code tick} whose stores' part is the shared {@code body}; the IO thread
   * puts it behind the client's {@code tick}/{@code ack} prefix.
   */
  void prepareSnapshot(long tick, long ack, SharedBody body);

  /**
   * A snapshot {@code frame} assembled for this client alone, in a buffer the world thread does
   * not touch again until {@link #snapshotInFlight()} is false.
   */
  void prepareOwnFrame(ByteBuffer frame, boolean binary);

  /** This client's prepared frames go to its IO thread with the next flush of every IO thread. */
  void handToFlusher();

  /** Sends a close frame with {@code code}; safe from any thread. */
  void close(int code, String reason);
}
