package io.carotene.annotations;

/**
 * How many of a {@link Store} a server holds.
 *
 * <pre>{@code
 * @Store(model = Profile.class, engine = Engine.PERSISTED, scope = Scope.SERVER)
 * interface Profiles {}
 * }</pre>
 *
 * <p>On a single-world server both are the one world's: the scope changes nothing there.
 */
public enum Scope {
  /**
   * One per room: each room of a server of rooms has its own, created with the room and gone when
   * it ends. Loops, socket handlers and room lifecycle hooks take these.
   */
  ROOM,
  /**
   * One per process, outside every room: what outlives a match (a player's profile, a ladder).
   * Only {@code @Http} routes that take no room store may take it; such a route is served at its
   * own path, process-wide. A persisted one keeps its files directly under the data directory.
   */
  SERVER
}
