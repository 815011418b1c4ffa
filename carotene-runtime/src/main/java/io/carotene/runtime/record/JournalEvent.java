package io.carotene.runtime.record;

import net.openhft.chronicle.bytes.Bytes;

/**
 * One document of a world's journal, as {@link RecordingReader} reads it back, in the order the
 * world lived it. Not API: the sandbox's replay and the recording summary read these.
 */
public sealed interface JournalEvent {
  /**
   * The journal's format version, written first in {@link Start}: 2 adds a room's type, id,
   * options and stores to the start, and the join attempts and the room's end; 3 adds the world's
   * state to the start ({@link WorldState}: a recording may start in the middle of a room's life),
   * the refusals before any hook ({@link Refused}) and a recording stopped while the world went on
   * ({@link Stopped}). Formats 1 and 2 read too.
   */
  int FORMAT_VERSION = 3;

  /**
   * How the world began: what a replay needs to build the same world.
   *
   * @param domain the domain's name ({@code Arena})
   * @param buildId the recording code's build, so a replay can tell it runs other code
   * @param seed the world's seed (its {@code Rng} and {@code Ids})
   * @param capacityOverride the store options' capacity override (0 when none)
   * @param startNanos the world's clock when its loops started
   * @param startEpochMillis the wall time then, for people reading the journal
   * @param checksumEveryTicks how often a tick's end carries a checksum
   * @param stateEveryTicks how often it carries every entry too
   * @param room the room this world was, or {@code null} for a single world (or a sandbox's)
   * @param state the world as the recording found it, or {@code null} in formats 1 and 2 (whose
   *     recordings all began with empty stores)
   */
  record Start(int version, String domain, String buildId, long seed, long capacityOverride,
      long startNanos, long startEpochMillis, int checksumEveryTicks, int stateEveryTicks, RoomStart room,
      WorldState state) implements JournalEvent {
    /** Whether the recording began in the middle of the room's life: its created hook had run. */
    public boolean midRoom() {
      return state != null && state.created();
    }
  }

  /**
   * The world as a recording found it when it started: what a replay restores before the first
   * event. A recording that starts with the room (before its created hook) finds empty stores, or
   * a persistent room's kept ones; one started at run time ({@code Room.startRecording}) finds the
   * room in play, between two ticks.
   *
   * @param created whether the room's created hook had run (a replay must not run it again)
   * @param checksum the stores' checksum then, which the restored stores must have
   * @param services where the world's {@code Rng} and {@code Ids} were ({@link SourcesState})
   * @param seated the users holding a seat whose join hook had run, in no particular order
   * @param locked whether the room refused new players
   * @param stores every store's entries as {@link StoreDigest#writeState} wrote them
   */
  record WorldState(boolean created, long checksum, long[] services, java.util.List<String> seated,
      boolean locked, byte[] stores) {}

  /**
   * A join or call was refused before any hook or handler ran ({@code WorldRecorder.refused}):
   * nothing a replay reruns, but the summary counts it.
   *
   * @param what {@code join}, or the operation called
   * @param code the error code ({@code ROOM_FULL}, {@code ROOM_LOCKED}, {@code BAD_REQUEST}, {@code
   *     RATE_LIMITED}…)
   * @param count how many such refusals this event stands for (calls beyond the rate limit are
   *     counted together)
   */
  record Refused(long clockNanos, String userId, String what, String code, String message, long count)
      implements JournalEvent {}

  /** The recording was stopped ({@code Room.stopRecording}) while the world went on. */
  record Stopped(long clockNanos) implements JournalEvent {}

  /**
   * The room a recorded world was: what a replay needs to rebuild it and rerun its created hook.
   *
   * @param type the room type's name ({@code arena})
   * @param id the room's id
   * @param options the room's creation options, as JSON
   * @param holds which of the domain's stores the room's world held ({@code StoreOptions.Holds})
   */
  record RoomStart(String type, String id, String options, String holds) {}

  /**
   * A join asked for a seat and the room's join-attempt hook answered.
   *
   * @param options the join's options, as JSON
   * @param refusal the hook's refusal ({@code JOIN_REFUSED}), or {@code null} when it let the join in
   */
  record Attempt(long clockNanos, String userId, String options, String refusal) implements JournalEvent {
    public boolean isRefused() {
      return refusal != null;
    }
  }

  /** The room ended: its disposed hook ran (after the leaves of every seat it still held). */
  record Disposed(long clockNanos) implements JournalEvent {}

  /**
   * A call that was applied.
   *
   * @param userId the session's user, or {@code null} when anonymous
   * @param seq the client's {@code seq}, or -1
   * @param code {@code OK} or the error code's name ({@code REJECTED}, {@code FORBIDDEN}, …)
   * @param message the error's message, or {@code null}
   * @param arguments the handler's arguments as {@link ValueCodec} wrote them
   */
  record Call(long clockNanos, String operation, String userId, long seq, String code,
      String message, byte[] arguments) implements JournalEvent {
    /** The handler's arguments, decoded with {@code codec}. */
    public Object[] decodeArguments(ValueCodec codec) {
      Bytes<byte[]> in = Bytes.wrapForRead(arguments);
      return codec.readAll(in);
    }

    public boolean isOk() {
      return "OK".equals(code);
    }
  }

  /**
   * An HTTP route that runs on the world's thread was answered (a login that creates a player).
   *
   * @param args its arguments as a JSON object, as the route read them
   */
  record Route(long clockNanos, String method, String path, String userId, String args, String code,
      String message) implements JournalEvent {
    public boolean isOk() {
      return "OK".equals(code);
    }
  }

  /** A model put into a store from outside game code (a test's {@code given}). */
  record Put(long clockNanos, String store, byte[] model) implements JournalEvent {
    public Record decodeModel(ValueCodec codec) {
      return (Record) codec.read(Bytes.wrapForRead(model));
    }
  }

  /**
   * A session joined or left the world (a room's seat), with the reason.
   *
   * @param joined true for a join, false for a leave
   */
  record Seat(long clockNanos, String userId, boolean joined, String reason) implements JournalEvent {}

  /**
   * A loop's tick ended.
   *
   * @param ordinal 1 for the first tick of any loop the world ran, then 2, 3, …: the "tick" a
   *     replay stops at and reports
   * @param checked whether {@code checksum} was taken
   * @param state every store's entries as {@link StoreDigest#writeState} wrote them, or {@code
   *     null}
   */
  record TickEnd(long ordinal, String loop, long number, long scheduledNanos, long lateNanos,
      boolean checked, long checksum, byte[] state) implements JournalEvent {}
}
