package io.carotene.runtime.server;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.RoomListener;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.fleet.AgonesSettings;
import io.carotene.runtime.internal.GeneratedApplication;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.limit.RateLimit;
import io.carotene.runtime.metrics.RoomCounters;
import io.carotene.runtime.record.RecordingSettings;
import io.carotene.runtime.room.RoomException;
import io.carotene.runtime.room.RoomManager;
import io.carotene.runtime.snapshot.Interest;
import io.carotene.runtime.snapshot.SnapshotPublisher;
import io.carotene.runtime.store.StoreMigration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link CaroteneServer.Builder} collects, with every default, and the check of each value
 * as it is set: a bad setting fails at once with what to configure (as Chronicle Map's builder
 * does). The builder is its public face; the server reads these fields when it starts.
 */
final class ServerSettings {
  final CaroteneApplication application;
  String host = "0.0.0.0";
  int port = 8080;
  int ioThreads;
  Tokens tokens;
  RateLimit rateLimit = RateLimit.DEFAULT;
  RateLimit httpRateLimit = RateLimit.HTTP_DEFAULT;
  int maxFrameBytes = CaroteneServer.DEFAULT_MAX_FRAME_BYTES;
  StoreOptions storeOptions = StoreOptions.defaults();
  final Map<String, Interest<?>> interests = new LinkedHashMap<>();
  Float interestRadius;
  int snapshotEvery = 1;
  final List<RoomType> roomTypes = new ArrayList<>();
  final List<RoomListener> listeners = new ArrayList<>();
  /** What /metrics counts of the rooms' events; it hears every room. */
  final RoomCounters roomCounters = new RoomCounters();
  int worldThreads;
  int maxRooms = CaroteneServer.DEFAULT_MAX_ROOMS;
  RateLimit matchmakingPerUser = CaroteneServer.MATCHMAKING_PER_USER;
  RateLimit matchmakingPerAddress = RateLimit.HTTP_DEFAULT;
  AgonesSettings agones;
  /** Whether the persistent rooms kept in the data directory are opened at start. */
  boolean reopenPersistentRooms;
  RecordingSettings recording = RecordingSettings.fromEnvironment(System.getenv()).orElse(null);

  ServerSettings(CaroteneApplication application) {
    this.application = Objects.requireNonNull(application, "application");
  }

  void interest(String store, Interest<?> interest) {
    interests.put(Objects.requireNonNull(store, "store"), Objects.requireNonNull(interest, "interest"));
  }

  void interestRadius(float radius) {
    if (Float.isNaN(radius) || Float.isInfinite(radius)) {
      throw new CaroteneConfigurationException("An interest radius must be a finite number, got " + radius);
    }
    this.interestRadius = radius;
  }

  void host(String host) {
    this.host = Objects.requireNonNull(host, "host");
  }

  void port(int port) {
    if (port < 0 || port > 65535) {
      throw new CaroteneConfigurationException("A port must be from 0 to 65535, got " + port);
    }
    this.port = port;
  }

  void ioThreads(int ioThreads) {
    if (ioThreads < 0) {
      throw new IllegalArgumentException("ioThreads must be 0 (half the cores) or more, got " + ioThreads);
    }
    this.ioThreads = ioThreads;
  }

  void tokens(Tokens tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  void rateLimit(RateLimit rateLimit) {
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
  }

  void maxFrameBytes(int maxFrameBytes) {
    if (maxFrameBytes < 256) {
      throw new CaroteneConfigurationException("maxFrameBytes must be at least 256, got " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  void snapshotEvery(int ticks) {
    if (ticks < 1 || ticks > RoomType.MAX_SNAPSHOT_EVERY) {
      throw new CaroteneConfigurationException("snapshotEvery must be 1 to " + RoomType.MAX_SNAPSHOT_EVERY
          + " (a snapshot after every that many ticks), got " + ticks);
    }
    this.snapshotEvery = ticks;
  }

  void storeCapacity(long entries) {
    if (entries <= 0) {
      throw new CaroteneConfigurationException("A store capacity must be positive, got " + entries);
    }
    this.storeOptions = storeOptions.withCapacityOverride(entries);
  }

  void dataDirectory(Path directory) {
    this.storeOptions = storeOptions.persistedIn(directory, storeOptions.migrateAppendedFields());
  }

  void migrateAppendedFields(boolean migrate) {
    StoreOptions o = storeOptions;
    this.storeOptions =
        new StoreOptions(
            o.capacityOverride(), o.dataDirectory(), o.requireDataDirectory(), migrate, o.migrations(), null,
            o.holds());
  }

  void migrate(String store, StoreMigration<?> migration) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(migration, "migration");
    this.storeOptions = storeOptions.withMigration(store, migration);
  }

  void roomType(RoomType type) {
    Objects.requireNonNull(type, "type");
    for (RoomType known : roomTypes) {
      if (known.name().equals(type.name())) {
        throw new CaroteneConfigurationException("Room type '" + type.name() + "' is declared twice");
      }
    }
    roomTypes.add(type);
  }

  void roomListener(RoomListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  void worldThreads(int threads) {
    if (threads < 1) {
      throw new CaroteneConfigurationException("worldThreads must be at least 1, got " + threads);
    }
    this.worldThreads = threads;
  }

  void maxRooms(int maxRooms) {
    if (maxRooms < 1) {
      throw new CaroteneConfigurationException("maxRooms must be at least 1, got " + maxRooms);
    }
    this.maxRooms = maxRooms;
  }

  /** The token service set, else {@link Tokens#fromEnvironment()}. */
  Tokens tokensOrEnvironment() {
    return tokens != null ? tokens : Tokens.fromEnvironment();
  }

  /** The world threads set, else {@code CAROTENE_WORLD_THREADS}, else one per available processor. */
  int resolvedWorldThreads() {
    if (worldThreads > 0) {
      return worldThreads;
    }
    String fromEnvironment = System.getenv(CaroteneServer.WORLD_THREADS_ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      try {
        int threads = Integer.parseInt(fromEnvironment.trim());
        if (threads >= 1) {
          return threads;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new CaroteneConfigurationException(
          CaroteneServer.WORLD_THREADS_ENV + " must be a whole number of at least 1, got '" + fromEnvironment + "'");
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The rooms these settings describe: each world's snapshot publisher sees what its stores
   * declare, as {@link #interests} and {@link #interestRadius} override it, and {@code recording}
   * hears of each world before its thread starts; {@code fleetFeed} and the metrics' {@link
   * #roomCounters} hear every room's events after the game's listeners.
   */
  RoomManager roomManager(ServerRecording recording, RoomListener fleetFeed) {
    if (!roomTypes.isEmpty()) {
      refusePersistedRoomStores(application, roomTypes);
    }
    List<RoomListener> all = new ArrayList<>(listeners);
    all.add(fleetFeed);
    all.add(roomCounters);
    RoomManager rooms = new RoomManager(new RoomManager.Settings(application, storeOptions,
        world -> {
          recording.attach(world);
          SnapshotPublisher publisher = new SnapshotPublisher(world,
              StoreInterests.resolve(application, world, interests, interestRadius));
          publisher.publishEvery(snapshotEvery); // a room type's own rate replaces it
          return publisher;
        },
        rateLimit, maxFrameBytes, resolvedWorldThreads(), maxRooms,
        List.copyOf(all)), recording.roomTypes(roomTypes));
    if (reopenPersistentRooms) {
      reopen(rooms);
    }
    return rooms;
  }

  /** Opens every persistent room kept in the data directory; if one fails, stops the rooms and says which. */
  private void reopen(RoomManager rooms) {
    for (RoomType type : roomTypes) {
      if (!type.persisted()) {
        continue;
      }
      for (String id : rooms.named().stored(type.name())) {
        try {
          rooms.named().open(type.name(), id);
        } catch (RoomException e) {
          ServerStop.rooms(application.name(), rooms);
          throw new CaroteneConfigurationException("Reopening persistent room '" + id + "' (" + type.name()
              + ") at start failed: " + e.error() + ": " + e.getMessage() + ". Fix it, move its directory "
              + "away, or start without CAROTENE_REOPEN_ROOMS.");
        }
      }
    }
  }

  /** The most rooms this server hosts, as told to the orchestrator; 0 for a single-world server (none matchmade). */
  int roomCapacity() {
    return roomTypes.isEmpty() ? 0 : maxRooms;
  }

  /**
   * A server of rooms keeps persisted stores per room only in persistent rooms, which the game
   * names: rooms of other types come and go under random ids, so their files would pile up and
   * never be read again. Such a store, with a room type that is not persistent, is refused before
   * anything starts.
   */
  private static void refusePersistedRoomStores(CaroteneApplication application, List<RoomType> types) {
    List<String> persisted = GeneratedApplication.of(application).persistedRoomStores();
    List<String> notPersistent = types.stream().filter(type -> !type.persisted()).map(RoomType::name).toList();
    if (!persisted.isEmpty() && !notPersistent.isEmpty()) {
      throw new CaroteneConfigurationException("Store " + String.join(", ", persisted)
          + " is @Store(engine = PERSISTED) in every room, which room type " + notPersistent + " does not keep (its"
          + " rooms get random ids): declare it RoomType.of(\"" + notPersistent.get(0) + "\").persistent() so that"
          + " the game names its rooms and each keeps its stores under CAROTENE_DATA_DIR/rooms/<type>/<roomId>/,"
          + " make the store @Store(..., scope = Scope.SERVER) to keep it once per process (what outlives a match),"
          + " or serve " + application.name() + " as a single world (declare no room types)");
    }
  }
}
