package io.carotene.example.arena;

import io.carotene.runtime.snapshot.Interest;

/**
 * The Arena's view distance: a client sees the players within {@link #VIEW_RADIUS} of its own
 * player on the floor, as {@link Arena.GameWorld}'s {@code @Visible} declares. {@code
 * CAROTENE_INTEREST_RADIUS} overrides the radius ({@code off} shows everyone).
 */
public final class ArenaServerSettings {
  /** How far a player sees, in units on the floor (the x–z plane). */
  public static final float VIEW_RADIUS = 50f;

  private ArenaServerSettings() {}

  /** Players within {@code radius} of the viewer's own player: an override for tests. */
  public static Interest<MutablePlayer> viewRadius(float radius) {
    return Interest.radius(radius, player -> player.position().x(), player -> player.position().z());
  }
}
