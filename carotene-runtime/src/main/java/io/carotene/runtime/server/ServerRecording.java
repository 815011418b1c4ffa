package io.carotene.runtime.server;

import io.carotene.runtime.RoomType;
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.world.DomainWorld;
import java.util.List;
import java.util.logging.Logger;

/**
 * A server's recording ({@code CaroteneServer.Builder.record}, {@code CAROTENE_RECORD_DIR}): the
 * world of a single-world server, from its first tick; in a server of rooms, every room of every
 * type whose {@link RoomType#recording()} is not its own, one recording per room (the rooms code
 * starts and ends each).
 */
final class ServerRecording {
  private static final Logger LOG = Logger.getLogger(ServerRecording.class.getName());
  /** How long a stop waits for the rooms' recordings to be written out. */
  static final long WRITE_OUT_MILLIS = 10_000;

  private final RecordingSettings settings;
  private final boolean singleWorld;
  private Recorder recorder;

  ServerRecording(RecordingSettings settings, boolean singleWorld) {
    this.settings = settings;
    this.singleWorld = singleWorld;
  }

  /** The room types as they record: the server's settings where a type has none of its own. */
  List<RoomType> roomTypes(List<RoomType> types) {
    if (settings == null) {
      return types;
    }
    return types.stream().map(type -> type.recording() == null ? type.withRecording(settings) : type).toList();
  }

  /** For each world created, before its thread starts: a single-world server records its one world. */
  synchronized void attach(DomainWorld world) {
    if (singleWorld && settings != null && recorder == null) {
      recorder = Recorder.start(world, settings, System.currentTimeMillis());
    }
  }

  /**
   * Once the worlds' threads have ended: the single world's recording, or the rooms' (which their
   * ends finished), is flushed and closed.
   */
  synchronized void close() {
    if (recorder != null) {
      recorder.close();
    }
    if (!Recorder.awaitFinished(WRITE_OUT_MILLIS)) {
      LOG.warning("Some room recordings were not written out within " + WRITE_OUT_MILLIS + " ms");
    }
  }
}
