package io.carotene.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carotene.runtime.CallResult;
import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Rejection;
import io.carotene.runtime.Session;
import io.carotene.runtime.auth.Tokens;
import io.carotene.runtime.internal.BadArgumentException;
import io.carotene.runtime.internal.BoundCall;
import io.carotene.runtime.internal.ChronicleStore;
import io.carotene.runtime.internal.HttpCall;
import io.carotene.runtime.internal.HttpRoute;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.record.JournalEvent;
import io.carotene.runtime.record.RecordingReader;
import io.carotene.runtime.record.SourcesState;
import io.carotene.runtime.record.StoreDigest;
import io.carotene.runtime.record.ValueCodec;
import io.carotene.runtime.world.DomainWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Replays a recording in a {@link Sandbox}: rebuilds the world from its start (same domain, same
 * seed, same store sizes), applies each recorded call, route and {@code given} at its recorded
 * time on the frozen clock, runs each recorded tick exactly as it ran, and checks every recorded
 * checksum. The first difference fails with a {@link ReplayDivergence} naming the tick and, from
 * the next full state recorded, the entities and fields that differ.
 *
 * <p>A room's recording ({@code <directory>/<roomType>/<roomId>/}) rebuilds the room: a world of
 * its room-scoped stores with the recorded seed, its created hook run with the recorded creation
 * options, then each join attempt, join, leave and its end rerun through the room's hooks in
 * their turn, between the recorded calls and ticks. A recording started in the middle of a room's
 * life ({@code Room.startRecording}) or of a world with entries begins with the world's state: the
 * replay restores it (entries, random and id sources, seats) and goes on from there, without
 * rerunning the created hook.
 *
 * <pre>{@code
 * Replay.of(new ArenaApplication(), recording).replay();             // the whole recording
 * try (Sandbox at = Replay.of(new ArenaApplication(), recording).replayUntil(1234)) {
 *   assertThat(at.store(GameWorldView.class).get(cheater).velocity()) ...; // the world at tick 1234
 *   at.call(session, "HandleInput", ...);                              // and on from there
 * }
 * }</pre>
 */
public final class Replay {
  /** Routes that issue tokens get this service; the tokens they answer are not part of the world. */
  private static final Tokens REPLAY_TOKENS = Tokens.withSecret("carotene-replay-only-secret-0123456789abcdef");

  private final CaroteneApplication application;
  private final Path recording;

  private Replay(CaroteneApplication application, Path recording) {
    this.application = application;
    this.recording = recording;
  }

  /** A replay of {@code recording} (a recording's directory) with {@code application}'s code. */
  public static Replay of(CaroteneApplication application, Path recording) {
    return new Replay(application, recording);
  }

  /**
   * Replays the whole recording, checking every checksum.
   *
   * @throws ReplayDivergence at the first difference
   */
  public Result replay() {
    Run run = run(Long.MAX_VALUE);
    run.sandbox.close();
    return run.result;
  }

  /**
   * Replays up to and including tick {@code tick} (counted over every loop, from 1), checking the
   * checksums on the way, and returns the sandbox there: the calls recorded after that tick are not
   * applied, so the test can look at the world and call handlers itself. Close the sandbox.
   *
   * @throws ReplayDivergence at the first difference before it
   * @throws IllegalArgumentException when the recording ends before {@code tick}
   */
  public Sandbox replayUntil(long tick) {
    Run run = run(tick);
    if (run.result.ticks() < tick) {
      run.sandbox.close();
      throw new IllegalArgumentException(
          "The recording ends at tick " + run.result.ticks() + ", before tick " + tick);
    }
    return run.sandbox;
  }

  /**
   * What a replay went through.
   *
   * @param ticks the ticks replayed
   * @param checksums the checksums that matched
   * @param calls the calls and routes applied
   */
  public record Result(long ticks, long checksums, long calls) {
    @Override
    public String toString() {
      return "OK: " + ticks + " ticks replayed, " + checksums + " checksums matched, " + calls + " calls applied";
    }
  }

  private record Run(Sandbox sandbox, Result result) {}

  private Run run(long untilTick) {
    try (RecordingReader reader = new RecordingReader(recording)) {
      JournalEvent.Start start = reader.start();
      if (!start.domain().equals(application.name())) {
        throw new IllegalArgumentException(
            "The recording is of " + start.domain() + ", not of " + application.name());
      }
      StoreOptions options = new StoreOptions(start.capacityOverride());
      if (start.room() != null) {
        options = options.holding(StoreOptions.Holds.valueOf(start.room().holds()));
      }
      Sandbox sandbox = new Sandbox(application, options, start.seed());
      try {
        return new Run(sandbox, new Replayer(sandbox, untilTick, start.room()).replay(reader, start));
      } catch (RuntimeException | Error failure) {
        sandbox.close();
        throw failure;
      }
    }
  }

  private static final Set<String> LEAVE_REASONS =
      Arrays.stream(LeaveReason.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

  /** One pass over the journal. */
  private final class Replayer {
    private final Sandbox sandbox;
    private final DomainWorld world;
    private final StoreDigest digest;
    private final ValueCodec codec;
    private final long untilTick;
    private final ReplayRoom room;
    private final ObjectMapper json = new ObjectMapper();
    private long ticks;
    private long checksums;
    private long calls;
    private long divergedAt = -1;
    private String divergence;

    Replayer(Sandbox sandbox, long untilTick, JournalEvent.RoomStart recorded) {
      this.sandbox = sandbox;
      this.world = sandbox.domainWorld();
      this.room = recorded == null
          ? new ReplayRoom(world, "replay", world.name())
          : new ReplayRoom(world, recorded.id(), recorded.type());
      world.room(room);
      this.digest = new StoreDigest(world.stores());
      this.codec = new ValueCodec(application.getClass().getClassLoader());
      this.untilTick = untilTick;
    }

    Result replay(RecordingReader reader, JournalEvent.Start start) {
      if (start.room() != null || start.state() != null) {
        at(start.startNanos());
      }
      if (start.state() != null) {
        restore(start.state());
      }
      if (start.room() != null && !start.midRoom()) {
        created(start);
      }
      for (JournalEvent event = reader.next(); event != null; event = reader.next()) {
        if (event instanceof JournalEvent.TickEnd tick) {
          tick(tick);
          if (tick.ordinal() >= untilTick) {
            break;
          }
        } else if (event instanceof JournalEvent.Call call) {
          call(call);
        } else if (event instanceof JournalEvent.Route route) {
          route(route);
        } else if (event instanceof JournalEvent.Put put) {
          at(put.clockNanos());
          world.put(put.decodeModel(codec));
        } else if (event instanceof JournalEvent.Seat seat) {
          seat(seat);
        } else if (event instanceof JournalEvent.Attempt attempt) {
          attempt(attempt);
        } else if (event instanceof JournalEvent.Disposed disposed) {
          at(disposed.clockNanos());
          hook(() -> world.roomHooks().disposed(room));
        }
      }
      if (divergence != null) {
        throw new ReplayDivergence(divergedAt, divergence, -1, List.of());
      }
      return new Result(ticks, checksums, calls);
    }

    private void tick(JournalEvent.TickEnd tick) {
      at(tick.scheduledNanos() + tick.lateNanos());
      world.scheduler().replayTick(tick.loop(), tick.number(), tick.scheduledNanos(), tick.lateNanos());
      ticks = tick.ordinal();
      if (tick.checked()) {
        long replayed = digest.checksum();
        if (replayed == tick.checksum()) {
          checksums++;
        } else {
          diverged(tick.ordinal(), String.format(
              "the stores' checksum after %s#%d is %016x, recorded %016x",
              tick.loop(), tick.number(), replayed, tick.checksum()));
        }
      }
      if (divergence != null && tick.state() != null) {
        List<List<Record>> recorded = digest.readState(Bytes.wrapForRead(tick.state()));
        throw new ReplayDivergence(
            divergedAt, divergence, tick.ordinal(), StateDiff.compare(world.stores(), recorded));
      }
    }

    /**
     * The world as the recording found it: every entry put back in the order its store walked them
     * (a slab store's slots, so the loops walk them in the same order), the random and id sources
     * where they were, the seats; the stores must then have the recorded checksum.
     */
    private void restore(JournalEvent.WorldState state) {
      List<List<Record>> entries = digest.readState(Bytes.wrapForRead(state.stores()));
      for (int i = 0; i < entries.size(); i++) {
        ChronicleStore<?, ?, ?> store = world.stores().get(i);
        entries.get(i).forEach(store::putUnchecked);
      }
      SourcesState.restore(world.services(), state.services());
      room.restore(state.seated(), state.locked());
      long restored = digest.checksum();
      if (restored != state.checksum()) {
        throw new ReplayDivergence(0, String.format("the world restored from the recording's start has the"
            + " checksum %016x, recorded %016x: this build reads the recorded entries otherwise", restored,
            state.checksum()), -1, List.of());
      }
    }

    /** The room is created as the server created it: its created hook with the recorded options. */
    private void created(JournalEvent.Start start) {
      JsonNode options;
      try {
        options = json.readTree(start.room().options());
      } catch (IOException e) {
        throw new IllegalStateException("The recording's room options are not JSON: " + e, e);
      }
      hook(() -> world.roomHooks().created(room, options));
    }

    /** A join asked for a seat: the join-attempt hook answers again, and must answer the same. */
    private void attempt(JournalEvent.Attempt attempt) {
      at(attempt.clockNanos());
      JsonNode options;
      try {
        options = json.readTree(attempt.options());
      } catch (IOException e) {
        throw new IllegalStateException("The recording's join options are not JSON: " + e, e);
      }
      String refusal = world.roomHooks().joinAttempt(room, session(attempt.userId()), options);
      if (!java.util.Objects.equals(refusal, attempt.refusal())) {
        diverged(ticks + 1, "the join attempt of " + attempt.userId() + " before tick " + (ticks + 1) + " was "
            + (refusal == null ? "let in" : "refused (" + refusal + ")") + ", recorded "
            + (attempt.refusal() == null ? "let in" : "refused (" + attempt.refusal() + ")"));
      }
    }

    private void hook(Runnable hook) {
      try {
        hook.run();
      } catch (RuntimeException hookFailed) {
        // The server logged the same failure and went on: so does the replay.
      }
    }

    /** A seat taken or left: the room's hooks run again, as the server ran them. */
    private void seat(JournalEvent.Seat seat) {
      at(seat.clockNanos());
      Session session = seat.userId() == null ? Session.anonymous() : Session.authenticated(seat.userId());
      room.seated(seat.userId(), seat.joined());
      try {
        if (seat.joined()) {
          world.roomHooks().joined(room, session);
        } else if (LEAVE_REASONS.contains(seat.reason())) {
          world.roomHooks().left(room, session, LeaveReason.valueOf(seat.reason()));
        }
      } catch (RuntimeException hookFailed) {
        // The server logged the same failure and went on: so does the replay.
      }
    }

    private void call(JournalEvent.Call call) {
      at(call.clockNanos());
      Operation operation = world.operation(call.operation());
      if (operation == null) {
        throw new ReplayDivergence(ticks + 1,
            "the recording calls " + call.operation() + ", which this build does not have", -1, List.of());
      }
      BoundCall bound;
      CallResult result;
      try {
        bound = operation.bind(call.decodeArguments(codec));
        result = world.run(session(call.userId()), operation, bound, call.seq());
      } catch (BadArgumentException e) {
        result = CallResult.badRequest(e.getMessage());
      }
      calls++;
      checkAnswer(call.operation(), call.userId(), call.code(), result);
    }

    private void route(JournalEvent.Route route) {
      at(route.clockNanos());
      HttpRoute found = world.routes().stream()
          .filter(r -> r.method().equals(route.method()) && r.path().equals(route.path()))
          .findFirst()
          .orElseThrow(() -> new ReplayDivergence(ticks + 1, "the recording calls " + route.method()
              + " " + route.path() + ", which this build does not have", -1, List.of()));
      CallResult result;
      try {
        JsonNode args = json.readTree(route.args());
        result = found.handler().handle(new HttpCall(session(route.userId()), args, REPLAY_TOKENS));
      } catch (BadArgumentException e) {
        result = CallResult.badRequest(e.getMessage());
      } catch (Rejection e) {
        result = CallResult.rejected(e.getMessage());
      } catch (IOException e) {
        throw new IllegalStateException("The recording's arguments of " + route.path() + " are not JSON: " + e, e);
      }
      calls++;
      checkAnswer(route.method() + " " + route.path(), route.userId(), route.code(), result);
    }

    private void checkAnswer(String what, String user, String recorded, CallResult result) {
      String replayed = result.isOk() ? "OK" : result.error().name();
      if (!replayed.equals(recorded)) {
        diverged(ticks + 1, what + " by " + user + " before tick " + (ticks + 1) + " answered " + replayed
            + (result.isOk() ? "" : " (" + result.message() + ")") + ", recorded " + recorded);
      }
    }

    private void diverged(long tick, String why) {
      if (divergence == null) {
        divergedAt = tick;
        divergence = why;
      }
    }

    private void at(long nanos) {
      if (nanos > sandbox.clock().nanoTime()) {
        sandbox.clock().setNanos(nanos);
      }
    }

    private Session session(String userId) {
      return userId == null ? Session.anonymous() : Session.authenticated(userId);
    }
  }
}
