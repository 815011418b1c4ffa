package io.carotene.runtime.fleet;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The orchestrator's view of this server, for game code: get it with {@code server.fleet()}. When
 * the server runs under Agones, {@link #gameServer()} is the {@code GameServer} as last seen on the
 * sidecar's watch stream, and {@link #onAllocated} tells the game when a {@code
 * GameServerAllocation} picked this server (its labels and annotations carry what the allocator
 * set, e.g. a match id or a mode: read them to create the room the match needs). Without Agones it
 * is {@link #none()}: never allocated, and the setters do nothing.
 *
 * <p>Listeners run on the fleet's own thread, not the world thread: hand work to the world with
 * {@code server.onWorld(...)}.
 */
public interface Fleet {
  /** Whether the server runs under an orchestrator (the Agones sidecar is configured). */
  boolean enabled();

  /** The {@code GameServer} as last seen; empty until the sidecar first answered (and without Agones). */
  Optional<GameServerInfo> gameServer();

  /** Whether the {@code GameServer}, as last seen, is {@code Allocated}. */
  default boolean allocated() {
    return gameServer().map(GameServerInfo::allocated).orElse(false);
  }

  /** Calls {@code listener} with each change of the {@code GameServer} the sidecar reports. */
  void onChange(Consumer<GameServerInfo> listener);

  /** Calls {@code listener} each time the {@code GameServer} becomes {@code Allocated}. */
  void onAllocated(Consumer<GameServerInfo> listener);

  /** Sets the label {@code agones.dev/sdk-<key>} on the {@code GameServer} (sent in the background, retried). */
  void setLabel(String key, String value);

  /** Sets the annotation {@code agones.dev/sdk-<key>} on the {@code GameServer} (in the background, retried). */
  void setAnnotation(String key, String value);

  /** No orchestrator: nothing is ever seen or sent. */
  static Fleet none() {
    return NoFleet.INSTANCE;
  }
}
