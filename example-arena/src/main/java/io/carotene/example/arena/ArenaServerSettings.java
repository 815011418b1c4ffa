package io.carotene.example.arena;

import io.carotene.runtime.server.CaroteneServer;
import io.carotene.runtime.server.ServerCustomizer;
import io.carotene.runtime.snapshot.Interest;

/**
 * The Arena's server settings, applied to every server of the Arena (registered in {@code
 * META-INF/services}).
 *
 * <p>View distance: a client sees the players within {@link #VIEW_RADIUS} of its own player on the
 * floor, as {@link Arena.GameWorld}'s {@code @Visible} declares. {@code CAROTENE_INTEREST_RADIUS}
 * overrides the radius ({@code off} shows everyone).
 *
 * <p>Snapshot rate: a snapshot after every {@link #SNAPSHOT_EVERY} ticks of the 16 ms physics
 * loop, about 31 a second. Why: a fast action game's clients predict their own player (inputs show
 * at once, reconciled exactly by each snapshot's {@code ack}) and interpolate the others about two
 * snapshots behind; at 31 Hz that is 64 ms, which players of a shooter do not notice, where 20 Hz
 * (every 3rd tick) would put others 100 ms back. Every second tick halves the sends, the kernel's
 * cost that dominates the server's CPU at a few hundred clients (BENCHMARKS.md, "The transport
 * floor"), and the bytes. {@code CAROTENE_SNAPSHOT_EVERY} overrides it (1: every tick).
 */
public final class ArenaServerSettings implements ServerCustomizer {
  /** How far a player sees, in units on the floor (the x–z plane). */
  public static final float VIEW_RADIUS = 50f;

  /** A snapshot after every second physics tick: 31.25 a second. */
  public static final int SNAPSHOT_EVERY = 2;

  /** For {@link java.util.ServiceLoader}. */
  public ArenaServerSettings() {}

  @Override
  public String domain() {
    return "Arena";
  }

  @Override
  public void customize(CaroteneServer.Builder builder) {
    builder.snapshotEvery(SNAPSHOT_EVERY);
  }

  /** Players within {@code radius} of the viewer's own player: an override for tests. */
  public static Interest<MutablePlayer> viewRadius(float radius) {
    return Interest.radius(radius, player -> player.position().x(), player -> player.position().z());
  }
}
