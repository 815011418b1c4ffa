package io.carotene.runtime.server;

import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.world.DomainWorld;
import java.util.logging.Logger;

/**
 * A server's recording ({@code CaroteneServer.Builder.record}, {@code CAROTENE_RECORD_DIR}): the
 * world of a single-world server, from its first tick. A server of rooms does not record yet (one
 * recording per room is the next step of issue 16): it says so once at start.
 */
final class ServerRecording {
  private static final Logger LOG = Logger.getLogger(ServerRecording.class.getName());

  private final RecordingSettings settings;
  private Recorder recorder;

  ServerRecording(RecordingSettings settings, boolean singleWorld) {
    if (settings != null && !singleWorld) {
      LOG.warning("Recording is set, but this server hosts rooms, which do not record yet: nothing is recorded");
    }
    this.settings = singleWorld ? settings : null;
  }

  /** For each world created, before its thread starts: the first one (the single world) is recorded. */
  synchronized void attach(DomainWorld world) {
    if (settings != null && recorder == null) {
      recorder = Recorder.start(world, settings, System.currentTimeMillis());
    }
  }

  /** Once the world's thread has ended: the recording is flushed and closed. */
  synchronized void close() {
    if (recorder != null) {
      recorder.close();
    }
  }
}
