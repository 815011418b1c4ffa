package io.carotene.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.carotene.runtime.CaroteneApplication;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.Dispatcher;
import io.carotene.runtime.internal.GeneratedApplication;
import io.carotene.runtime.internal.LoopRegistration;
import io.carotene.runtime.internal.Operation;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.internal.WorldParts;
import io.carotene.runtime.internal.WorldServices;
import io.carotene.runtime.world.DomainWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder's journal as the reader reads it back, and its retention. */
class RecorderTest {
  @TempDir Path recordings;
  long now;

  /** A domain with one 10 ms loop and nothing else. */
  static final class Ticking implements GeneratedApplication {
    @Override
    public Class<?> domain() {
      return Ticking.class;
    }

    @Override
    public String name() {
      return "Ticking";
    }

    @Override
    public WorldParts createParts(StoreOptions options, WorldServices services) {
      Dispatcher dispatcher = new Dispatcher() {
        @Override
        public String backendName() {
          return "Ticker";
        }

        @Override
        public List<LoopRegistration> loops() {
          return List.of(new LoopRegistration("Tick", 10_000_000L, tick -> {}));
        }

        @Override
        public List<Operation> operations() {
          return List.of();
        }
      };
      return new WorldParts(List.of(), List.of(), List.of(dispatcher));
    }
  }

  private List<JournalEvent> recordThreeTicksAndASeat(long epochMillis, RecordingSettings settings) {
    CaroteneApplication application = new Ticking();
    try (DomainWorld world = DomainWorld.create(application, () -> now, new StoreOptions(0), 99L)) {
      Recorder recorder = Recorder.start(world, settings, epochMillis);
      world.start();
      for (int i = 0; i < 3; i++) {
        now += 10_000_000L;
        world.scheduler().runDue();
      }
      recorder.sessionLeft(Session.authenticated("bob"), "CONNECTION_DROPPED");
      recorder.close();
      List<JournalEvent> events = new ArrayList<>();
      try (RecordingReader reader = new RecordingReader(recorder.directory())) {
        events.add(reader.start());
        for (JournalEvent event = reader.next(); event != null; event = reader.next()) {
          events.add(event);
        }
      }
      return events;
    }
  }

  @Test
  void theJournalHoldsTheStartEachTickInOrderAndTheSeatWithItsReason() {
    List<JournalEvent> events = recordThreeTicksAndASeat(1_000L, RecordingSettings.into(recordings));

    assertThat(events).hasSize(5);
    JournalEvent.Start start = (JournalEvent.Start) events.get(0);
    assertThat(start.domain()).isEqualTo("Ticking");
    assertThat(start.seed()).isEqualTo(99L);
    assertThat(start.startEpochMillis()).isEqualTo(1_000L);
    for (int i = 1; i <= 3; i++) {
      JournalEvent.TickEnd tick = (JournalEvent.TickEnd) events.get(i);
      assertThat(tick.ordinal()).isEqualTo(i);
      assertThat(tick.loop()).isEqualTo("Tick");
      assertThat(tick.scheduledNanos()).isEqualTo(i * 10_000_000L);
      assertThat(tick.checked()).isTrue();
    }
    assertThat(events.get(4)).isEqualTo(new JournalEvent.Seat(30_000_000L, "bob", false, "CONNECTION_DROPPED"));
  }

  @Test
  void startingARecordingDeletesTheOldestBeyondTheRetention() throws Exception {
    RecordingSettings keepTwo = RecordingSettings.into(recordings).withKeepRecordings(2);
    recordThreeTicksAndASeat(1_000L, keepTwo);
    recordThreeTicksAndASeat(2_000L, keepTwo);
    recordThreeTicksAndASeat(3_000L, keepTwo);

    try (Stream<Path> kept = Files.list(recordings)) {
      assertThat(kept.map(path -> path.getFileName().toString()).sorted())
          .containsExactly(
              "Ticking-19700101-000002-000-0000000000000063",
              "Ticking-19700101-000003-000-0000000000000063");
    }
  }
}
