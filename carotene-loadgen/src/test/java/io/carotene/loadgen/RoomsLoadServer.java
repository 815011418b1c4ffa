package io.carotene.loadgen;

import io.carotene.example.arena.Arena.Player;
import io.carotene.example.arena.Arena.Vector3;
import io.carotene.example.arena.ArenaApplication;
import io.carotene.example.arena.GameWorldStore;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.server.CaroteneServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Not a test: the Arena hosted as rooms of type {@code arena}, configured in code, for the load
 * generator's room mode ({@code --rooms}) until the Arena is a room type of its own. A joining
 * player is put in its room's {@code GameWorld} at a random point, and removed when it leaves.
 *
 * <p>{@code CAROTENE_SECRET=<32+ bytes> java <JVM flags> -cp <loadgen test classpath>
 * io.carotene.loadgen.RoomsLoadServer [maxClients (8)] [port (18080)]}
 */
public final class RoomsLoadServer {
  private RoomsLoadServer() {}

  public static void main(String[] args) {
    int maxClients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 18080;
    CaroteneServer server = CaroteneServer.builder(new ArenaApplication())
        .port(port)
        .tokens(Tokens.fromEnvironment())
        .roomType(RoomType.of("arena").withMaxClients(maxClients).withReconnectGrace(Duration.ofSeconds(2)))
        .roomListener(new Seats())
        .matchmakingRateLimit(null, null) // every bot comes from one address
        .httpRateLimit(null)
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rooms-load-server-stop"));
    System.out.println("Arena rooms of " + maxClients + " on port " + server.port());
  }

  /** What the Arena as a room type does with its seats: a player per seat. */
  private static final class Seats implements RoomListener {
    @Override
    public void playerJoined(Room room, String userId) {
      UUID id;
      try {
        id = UUID.fromString(userId);
      } catch (IllegalArgumentException notAPlayer) {
        return; // the load generator's schema check
      }
      ThreadLocalRandom random = ThreadLocalRandom.current();
      Vector3 spawn = new Vector3(random.nextFloat() * 40 - 20, 0, random.nextFloat() * 40 - 20);
      room.world().store(GameWorldStore.class).put(new Player(id, spawn, Vector3.ZERO, true, 100));
    }

    @Override
    public void playerLeft(Room room, String userId, LeaveReason reason) {
      try {
        room.world().store(GameWorldStore.class).remove(UUID.fromString(userId));
      } catch (IllegalArgumentException notAPlayer) {
        // the load generator's schema check
      }
    }
  }
}
