package io.carotene.test;

import io.carotene.runtime.RoomType;
import io.carotene.runtime.record.Recorder;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.world.DomainWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A {@link SandboxRoom}'s recordings, as the server makes them: from the room's creation when its
 * type records, or started and stopped while it plays ({@code Room.startRecording}). A start or
 * stop asked for inside game code (a call, a hook, a tick, which the room runs through {@link
 * #inGame}) waits until that is over, so a recording always starts between two ticks, with the
 * world at a tick's end; asked for by the test itself, it happens at once.
 */
final class SandboxRecording {
  private final DomainWorld world;
  private final FrozenClock clock;
  private final RoomType type;
  private final String roomId;
  private final String options;
  private Recorder recorder;
  private Path latest;
  /** How deep the room is in game code. */
  private int depth;
  private final List<Runnable> afterGame = new ArrayList<>();

  SandboxRecording(DomainWorld world, FrozenClock clock, RoomType type, String roomId, String options) {
    this.world = world;
    this.clock = clock;
    this.type = type;
    this.roomId = roomId;
    this.options = options;
  }

  /** Before the created hook: the room's type's recording, if it has one. */
  void fromCreation() {
    if (type.recording() != null) {
      recorder = Recorder.startRoom(world, type.recording(), Sandbox.EPOCH_MILLIS, type.name(), roomId, options);
      latest = recorder.directory();
    }
  }

  /** The latest recording's directory, or null when the room was never recorded. */
  Path latest() {
    return latest;
  }

  boolean active() {
    return recorder != null;
  }

  /** Starts recording the room in play with its {@code seated} users, between two ticks. */
  void start(RecordingSettings settings, Supplier<List<String>> seated, BooleanSupplier locked, BooleanSupplier ended) {
    betweenTicks(() -> {
      if (recorder == null && !ended.getAsBoolean()) {
        long millis = Sandbox.EPOCH_MILLIS + Math.floorDiv(clock.nanoTime(), 1_000_000L);
        recorder = Recorder.startRoomInPlay(
            world, settings, millis, type.name(), roomId, options, seated.get(), locked.getAsBoolean());
        latest = recorder.directory();
      }
    });
  }

  /** Stops the recording between two ticks and waits until its journal is written. */
  void stop() {
    betweenTicks(() -> {
      if (recorder != null) {
        recorder.stop();
        recorder.close();
        recorder = null;
      }
    });
  }

  /** The room ended: what was asked for is dropped, and the recording is written out. */
  void close() {
    afterGame.clear();
    if (recorder != null) {
      recorder.close();
      recorder = null;
    }
  }

  private void betweenTicks(Runnable action) {
    if (depth == 0) {
      action.run();
    } else {
      afterGame.add(action);
    }
  }

  /** Runs game code; what it asked of the recording happens once the outermost game code is over. */
  <T> T inGame(Supplier<T> action) {
    depth++;
    try {
      return action.get();
    } finally {
      if (--depth == 0 && !afterGame.isEmpty()) {
        List<Runnable> due = List.copyOf(afterGame);
        afterGame.clear();
        due.forEach(Runnable::run);
      }
    }
  }

  void inGame(Runnable action) {
    inGame(() -> {
      action.run();
      return null;
    });
  }
}
