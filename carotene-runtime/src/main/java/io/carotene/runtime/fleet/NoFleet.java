package io.carotene.runtime.fleet;

import java.util.Optional;
import java.util.function.Consumer;

/** A server without an orchestrator. */
enum NoFleet implements Fleet, FleetCapacity {
  INSTANCE;

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public Optional<GameServerInfo> gameServer() {
    return Optional.empty();
  }

  @Override
  public void onChange(Consumer<GameServerInfo> listener) {}

  @Override
  public void onAllocated(Consumer<GameServerInfo> listener) {}

  @Override
  public void setLabel(String key, String value) {}

  @Override
  public void setAnnotation(String key, String value) {}

  @Override
  public void roomsChanged(int count, int capacity) {}

  @Override
  public void playerJoined(String playerId) {}

  @Override
  public void playerLeft(String playerId) {}

  @Override
  public void lastRoomDisposed() {}
}
