package io.carotene.runtime.internal;

import io.carotene.runtime.Room;
import io.carotene.runtime.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Not API: what every {@link Room} keeps the same way, whoever runs it (the server's rooms, the
 * sandbox's, a replay's): its id, type name, world, seat limit, lock and metadata, and its seats,
 * by key, each held by one user. Subclasses differ only in how a seat is given and freed, and in
 * what kicking and disposing do.
 *
 * @param <S> what the subclass keeps per seat
 */
public abstract class SeatedRoom<S> implements Room {
  private final String id;
  private final String type;
  private final int maxClients;
  private final World world;
  private final Map<String, Object> metadata = new ConcurrentHashMap<>();
  private volatile boolean locked;
  /**
   * The seats taken now, by key (a user id, or a user id and a counter where a user may hold
   * several). Only the room's own thread changes it; a subclass whose seats other threads read
   * passes a concurrent map.
   */
  protected final Map<String, S> seats;

  /**
   * A room {@code id} of the type named {@code type}, giving at most {@code maxClients} seats,
   * over {@code world}, keeping its seats in {@code seats} (empty; iteration order is {@link
   * #userIds()}' order).
   */
  protected SeatedRoom(String id, String type, int maxClients, World world, Map<String, S> seats) {
    this.id = id;
    this.type = type;
    this.maxClients = maxClients;
    this.world = world;
    this.seats = seats;
  }

  /** The user who holds {@code seat}. */
  protected abstract String userIdOf(S seat);

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final World world() {
    return world;
  }

  @Override
  public final int clients() {
    return seats.size();
  }

  /** The user ids holding a seat now, once per seat, in the seats' order. */
  @Override
  public final List<String> userIds() {
    List<String> users = new ArrayList<>(seats.size());
    seats.values().forEach(seat -> users.add(userIdOf(seat)));
    return Collections.unmodifiableList(users);
  }

  @Override
  public final int maxClients() {
    return maxClients;
  }

  @Override
  public final boolean locked() {
    return locked;
  }

  @Override
  public final void lock() {
    locked = true;
  }

  @Override
  public final void unlock() {
    locked = false;
  }

  @Override
  public final Map<String, Object> metadata() {
    return metadata;
  }
}
