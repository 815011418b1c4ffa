package io.carotene.example.arena;

import io.carotene.runtime.server.CaroteneServer;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.server.ServerCustomizer;

/**
 * The Arena's server settings, applied to every server of the Arena (the generated main and
 * {@code TestServer}) through {@code META-INF/services}: a client sees the players within {@link
 * #VIEW_RADIUS} of its own player on the floor. {@code CAROTENE_INTEREST_RADIUS} overrides the
 * radius ({@code off} shows everyone).
 */
public final class ArenaServerSettings implements ServerCustomizer {
  /** How far a player sees, in units on the floor (the x–z plane). */
  public static final float VIEW_RADIUS = 50f;

  @Override
  public String domain() {
    return "Arena";
  }

  @Override
  public void customize(CaroteneServer.Builder builder) {
    builder.interest("GameWorld", viewRadius(VIEW_RADIUS));
  }

  /** Players within {@code radius} of the viewer's own player. */
  public static Interest<MutablePlayer> viewRadius(float radius) {
    return Interest.radius(radius, player -> player.position().x(), player -> player.position().z());
  }
}
