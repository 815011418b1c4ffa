package io.carotene.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carotene.runtime.CaroteneConfigurationException;
import io.carotene.runtime.RoomType;
import io.carotene.runtime.Session;
import io.carotene.runtime.internal.StoreOptions;
import io.carotene.runtime.world.DomainWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A room's journal: its start names the room, its attempts and end are kept; its retention spares live rooms. */
class RoomRecorderTest {
  @TempDir Path recordings;
  long now;

  DomainWorld roomWorld() {
    return DomainWorld.create(new RecorderTest.Ticking(), () -> now,
        new StoreOptions(0).holding(StoreOptions.Holds.ROOM_STORES), 7L);
  }

  static List<JournalEvent> read(Path directory) {
    List<JournalEvent> events = new ArrayList<>();
    try (RecordingReader reader = new RecordingReader(directory)) {
      events.add(reader.start());
      for (JournalEvent event = reader.next(); event != null; event = reader.next()) {
        events.add(event);
      }
    }
    return events;
  }

  @Test
  void aRoomsJournalStartsWithTheRoomAndKeepsItsJoinAttemptsSeatsAndEnd() {
    Path directory;
    try (DomainWorld world = roomWorld()) {
      Recorder recorder = Recorder.startRoom(world, RecordingSettings.into(recordings), 5_000L, "arena", "r00m", "{\"map\":\"dunes\"}");
      world.start();
      now += 10_000_000L;
      world.scheduler().runDue();
      world.joinAttempted(Session.authenticated("guest"), "{}", "Log in first");
      world.joinAttempted(Session.authenticated("alice"), "{\"team\":1}", null);
      world.seated(Session.authenticated("alice"), true, "JOINED");
      world.seated(Session.authenticated("alice"), false, "CLOSED");
      world.disposed();
      recorder.close();
      directory = recorder.directory();
    }

    List<JournalEvent> events = read(directory);

    assertThat(directory).isEqualTo(recordings.resolve("arena").resolve("r00m"));
    JournalEvent.Start start = (JournalEvent.Start) events.get(0);
    assertThat(start.version()).isEqualTo(JournalEvent.FORMAT_VERSION);
    assertThat(start.seed()).isEqualTo(7L);
    assertThat(start.room()).isEqualTo(new JournalEvent.RoomStart("arena", "r00m", "{\"map\":\"dunes\"}", "ROOM_STORES"));
    assertThat(events.subList(2, events.size())).containsExactly(
        new JournalEvent.Attempt(10_000_000L, "guest", "{}", "Log in first"),
        new JournalEvent.Attempt(10_000_000L, "alice", "{\"team\":1}", null),
        new JournalEvent.Seat(10_000_000L, "alice", true, "JOINED"),
        new JournalEvent.Seat(10_000_000L, "alice", false, "CLOSED"),
        new JournalEvent.Disposed(10_000_000L));
  }

  @Test
  void startingARoomRecordingDeletesTheLeastRecentlyWrittenBeyondRetentionButNeverALiveOne() throws Exception {
    RecordingSettings keepTwo = RecordingSettings.into(recordings).withKeepRecordings(2);
    try (DomainWorld live = roomWorld()) {
      Recorder stillPlaying = Recorder.startRoom(live, keepTwo, 0L, "arena", "live", "{}");
      stillPlaying.close(); // written out, then marked live again as if it still played
      Retention.LIVE.add(stillPlaying.directory());
      Files.setLastModifiedTime(stillPlaying.directory(), FileTime.fromMillis(0));
      try (Stream<Path> files = Files.walk(stillPlaying.directory())) {
        for (Path file : files.toList()) {
          Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        }
      }
      for (String id : List.of("first", "second", "third")) {
        try (DomainWorld world = roomWorld()) {
          Recorder.startRoom(world, keepTwo, 0L, "arena", id, "{}").close();
        }
        Thread.sleep(20); // distinct modification times
      }
      Retention.LIVE.remove(stillPlaying.directory());
    }

    try (Stream<Path> kept = Files.list(recordings.resolve("arena"))) {
      assertThat(kept.map(path -> path.getFileName().toString()).sorted()).containsExactly("live", "second", "third");
    }
  }

  @Test
  void aRoomTypeOrIdThatWouldLeaveItsTypesDirectoryIsRefused() {
    try (DomainWorld world = roomWorld()) {
      assertThatThrownBy(() -> Recorder.startRoom(world, RecordingSettings.into(recordings), 0L, "..", "x", "{}"))
          .isInstanceOf(CaroteneConfigurationException.class)
          .hasMessage("Room type '..' and id 'x' do not name a recording directory of their own");
    }
  }

  @Test
  void aRoomTypeRecordsWithItsOwnSettingsOrNot() {
    RecordingSettings settings = RecordingSettings.into(recordings);

    assertThat(RoomType.of("arena").recording()).isNull();
    assertThat(RoomType.of("arena").withRecording(settings).withMaxClients(4).recording()).isEqualTo(settings);
  }

  @Test
  void aRecordingStartedInPlayKeepsTheWorldItFoundItsRefusalsAndItsStop() {
    Path directory;
    long[] sources;
    try (DomainWorld world = roomWorld()) {
      world.start();
      world.services().random().nextLong(); // the room has played a while
      world.services().ids().nextLong();
      now += 10_000_000L;
      world.scheduler().runDue();
      sources = SourcesState.of(world.services());
      Recorder recorder = Recorder.startRoomInPlay(world, RecordingSettings.into(recordings), 1_764_921_600_000L,
          "arena", "r00m", "{}", List.of("alice", "bob"), true);
      world.refused(Session.authenticated("carol"), "join", "ROOM_LOCKED", "Room r00m is locked", 1);
      world.refused(Session.anonymous(), "call", "RATE_LIMITED", "Too many calls", 12);
      now += 10_000_000L;
      world.scheduler().runDue();
      recorder.stop();
      now += 10_000_000L;
      world.scheduler().runDue(); // after the stop: not recorded
      recorder.close();
      directory = recorder.directory();
    }

    List<JournalEvent> events = read(directory);

    assertThat(directory).isEqualTo(recordings.resolve("arena").resolve("r00m@20251205-080000-000"));
    JournalEvent.Start start = (JournalEvent.Start) events.get(0);
    assertThat(start.midRoom()).isTrue();
    assertThat(start.state().seated()).containsExactly("alice", "bob");
    assertThat(start.state().locked()).isTrue();
    assertThat(start.state().services()).containsExactly(sources);
    assertThat(events.subList(1, events.size())).hasSize(4).startsWith(
        new JournalEvent.Refused(10_000_000L, "carol", "join", "ROOM_LOCKED", "Room r00m is locked", 1),
        new JournalEvent.Refused(10_000_000L, null, "call", "RATE_LIMITED", "Too many calls", 12));
    assertThat(events.get(3)).isInstanceOfSatisfying(JournalEvent.TickEnd.class, tick -> assertThat(tick.ordinal()).isEqualTo(1));
    assertThat(events.get(4)).isEqualTo(new JournalEvent.Stopped(20_000_000L));
  }

  @Test
  void aRoomRecordingStartedFromTheBeginningFindsAFreshWorldWhoseCreatedHookHasNotRun() {
    Path directory;
    try (DomainWorld world = roomWorld()) {
      Recorder recorder = Recorder.startRoom(world, RecordingSettings.into(recordings), 0L, "arena", "fresh", "{}");
      recorder.close();
      directory = recorder.directory();
    }

    JournalEvent.Start start = (JournalEvent.Start) read(directory).get(0);

    assertThat(start.midRoom()).isFalse();
    assertThat(start.state().seated()).isEmpty();
    assertThat(start.state().services()).containsExactly(SourcesState.of(io.carotene.runtime.internal.WorldServices.seeded(7L)));
  }
}
