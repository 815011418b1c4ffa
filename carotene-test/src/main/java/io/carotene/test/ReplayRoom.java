package io.carotene.test;

import io.carotene.runtime.World;
import io.carotene.runtime.internal.SeatedRoom;
import io.carotene.runtime.record.RecordingSettings;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room a replayed world's hooks are handed (a recorded room's id and type, or {@code replay}
 * for a single world): who holds a seat, as the recording's seats say (a user connected twice to
 * a single world holds two). Kicking or disposing does nothing here: the recording holds the
 * leaves those caused, and the replay runs them in their turn. Nor does starting or stopping a
 * recording: a replay records nothing.
 */
final class ReplayRoom extends SeatedRoom<String> {
  private long seatsTaken;

  ReplayRoom(World world, String id, String type) {
    super(id, type, Integer.MAX_VALUE, world, new LinkedHashMap<>());
  }

  /** A recording that began in the room's middle: who sat there then, whether it was locked. */
  void restore(List<String> seated, boolean locked) {
    seats.clear();
    seated.forEach(userId -> seated(userId, true));
    if (locked) {
      lock();
    } else {
      unlock();
    }
  }

  /** {@code userId} took a seat ({@code joined}) or left its oldest one. */
  void seated(String userId, boolean joined) {
    if (joined) {
      seats.put(userId + "#" + (++seatsTaken), userId);
      return;
    }
    for (Iterator<Map.Entry<String, String>> held = seats.entrySet().iterator(); held.hasNext(); ) {
      if (held.next().getValue().equals(userId)) {
        held.remove();
        return;
      }
    }
  }

  @Override
  protected String userIdOf(String seat) {
    return seat;
  }

  @Override
  public void kick(String userId, String reason) {}

  @Override
  public void dispose() {}

  @Override
  public void startRecording(RecordingSettings settings) {}

  @Override
  public void stopRecording() {}

  @Override
  public boolean isRecording() {
    return false;
  }
}
