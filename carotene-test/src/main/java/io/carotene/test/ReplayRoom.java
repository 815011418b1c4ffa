package io.carotene.test;

import io.carotene.runtime.Room;
import io.carotene.runtime.World;
import io.carotene.runtime.record.RecordingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The room a replayed world's hooks are handed (a recorded room's id and type, or {@code replay}
 * for a single world): who holds a seat, as the recording's seats say. Kicking or disposing does
 * nothing here: the recording holds the leaves those caused, and the replay runs them in their
 * turn. Nor does starting or stopping a recording: a replay records nothing.
 */
final class ReplayRoom implements Room {
  private final World world;
  private final String id;
  private final String type;
  private final List<String> userIds = new ArrayList<>();
  private final Map<String, Object> metadata = new ConcurrentHashMap<>();
  private boolean locked;

  ReplayRoom(World world, String id, String type) {
    this.world = world;
    this.id = id;
    this.type = type;
  }

  /** A recording that began in the room's middle: who sat there then, whether it was locked. */
  void restore(List<String> seated, boolean locked) {
    userIds.clear();
    userIds.addAll(seated);
    this.locked = locked;
  }

  void seated(String userId, boolean joined) {
    if (joined) {
      userIds.add(userId);
    } else {
      userIds.remove(userId);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public World world() {
    return world;
  }

  @Override
  public int clients() {
    return userIds.size();
  }

  @Override
  public List<String> userIds() {
    return List.copyOf(userIds);
  }

  @Override
  public int maxClients() {
    return Integer.MAX_VALUE;
  }

  @Override
  public boolean locked() {
    return locked;
  }

  @Override
  public void lock() {
    locked = true;
  }

  @Override
  public void unlock() {
    locked = false;
  }

  @Override
  public Map<String, Object> metadata() {
    return metadata;
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
