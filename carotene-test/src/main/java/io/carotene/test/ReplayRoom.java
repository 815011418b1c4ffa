package io.carotene.test;

import io.carotene.runtime.World;
import io.carotene.runtime.internal.SeatedRoom;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The room a replayed world's hooks are handed (a recorded room's id and type, or {@code replay}
 * for a single world): who holds a seat, as the recording's seats say (a user connected twice to
 * a single world holds two). Kicking or disposing does nothing here: the recording holds the
 * leaves those caused, and the replay runs them in their turn.
 */
final class ReplayRoom extends SeatedRoom<String> {
  private long seatsTaken;

  ReplayRoom(World world, String id, String type) {
    super(id, type, Integer.MAX_VALUE, world, new LinkedHashMap<>());
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
}
