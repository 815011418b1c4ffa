package io.carotene.test;

import io.carotene.runtime.record.JournalEvent;
import io.carotene.runtime.record.RecordingReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a recording holds, read without running it: how long the world ran, who played, what they
 * called, and what was refused, by error code and by player (a speed hacker stands out). {@link
 * #toString()} prints it for people.
 *
 * @param domain the recorded domain
 * @param room the recorded room's type, id and creation options, or {@code null} for a single world
 * @param buildId the build that recorded it
 * @param seed the world's seed
 * @param ticks the ticks it ran
 * @param duration the world clock's time from its start to its last tick
 * @param players every user that called, routed or took a seat, sorted
 * @param calls the calls and routes applied
 * @param joins seats taken
 * @param leaves seats left, by reason
 * @param rejectionsByCode refused calls by error code ({@code REJECTED}, {@code FORBIDDEN}…),
 *     joins the join-attempt hook refused ({@code JOIN_REFUSED}), and what was refused before any
 *     hook or handler ran: joins of a full or locked room ({@code ROOM_FULL}, {@code ROOM_LOCKED}),
 *     calls that did not decode ({@code BAD_REQUEST}) or came beyond the rate limit ({@code
 *     RATE_LIMITED})
 * @param rejectionsByPlayer the same by user, then by operation and message ({@code join} for a
 *     refused join, {@code call} for a call refused before it was decoded)
 * @param ended whether the recording holds the room's end (its disposed hook)
 * @param midRoom whether the recording began in the middle of the room's life ({@code
 *     Room.startRecording}): its replay starts from the world it found
 * @param stopped whether the recording was stopped while the room played on
 */
public record RecordingSummary(
    String domain,
    JournalEvent.RoomStart room,
    String buildId,
    long seed,
    long ticks,
    Duration duration,
    Instant started,
    Set<String> players,
    long calls,
    long joins,
    Map<String, Long> leaves,
    Map<String, Long> rejectionsByCode,
    Map<String, Map<String, Long>> rejectionsByPlayer,
    boolean ended,
    boolean midRoom,
    boolean stopped) {

  /** Reads the recording in {@code directory} from start to end. */
  public static RecordingSummary read(Path directory) {
    try (RecordingReader reader = new RecordingReader(directory)) {
      JournalEvent.Start start = reader.start();
      long ticks = 0;
      long lastNanos = start.startNanos();
      long calls = 0;
      long joins = 0;
      Set<String> players = new TreeSet<>();
      Map<String, Long> leaves = new TreeMap<>();
      Map<String, Long> byCode = new TreeMap<>();
      Map<String, Map<String, Long>> byPlayer = new TreeMap<>();
      boolean ended = false;
      boolean stopped = false;
      for (JournalEvent event = reader.next(); event != null; event = reader.next()) {
        if (event instanceof JournalEvent.TickEnd tick) {
          ticks = tick.ordinal();
          lastNanos = Math.max(lastNanos, tick.scheduledNanos() + tick.lateNanos());
        } else if (event instanceof JournalEvent.Call call) {
          calls++;
          String player = call.userId() == null ? "(anonymous)" : call.userId();
          players.add(player);
          if (!call.isOk()) {
            byCode.merge(call.code(), 1L, Long::sum);
            byPlayer.computeIfAbsent(player, p -> new TreeMap<>())
                .merge(call.operation() + ": " + call.message(), 1L, Long::sum);
          }
        } else if (event instanceof JournalEvent.Route route) {
          calls++;
          if (!route.isOk()) {
            byCode.merge(route.code(), 1L, Long::sum);
          }
        } else if (event instanceof JournalEvent.Attempt attempt) {
          String player = attempt.userId() == null ? "(anonymous)" : attempt.userId();
          players.add(player);
          if (attempt.isRefused()) {
            byCode.merge("JOIN_REFUSED", 1L, Long::sum);
            byPlayer.computeIfAbsent(player, p -> new TreeMap<>()).merge("join: " + attempt.refusal(), 1L, Long::sum);
          }
        } else if (event instanceof JournalEvent.Refused refused) {
          String player = refused.userId() == null ? "(anonymous)" : refused.userId();
          players.add(player);
          byCode.merge(refused.code(), refused.count(), Long::sum);
          byPlayer.computeIfAbsent(player, p -> new TreeMap<>())
              .merge(refused.what() + ": " + refused.message(), refused.count(), Long::sum);
        } else if (event instanceof JournalEvent.Stopped) {
          stopped = true;
        } else if (event instanceof JournalEvent.Disposed) {
          ended = true;
        } else if (event instanceof JournalEvent.Seat seat) {
          if (seat.userId() != null) {
            players.add(seat.userId());
          }
          if (seat.joined()) {
            joins++;
          } else {
            leaves.merge(seat.reason(), 1L, Long::sum);
          }
        }
      }
      return new RecordingSummary(start.domain(), start.room(), start.buildId(), start.seed(), ticks,
          Duration.ofNanos(lastNanos - start.startNanos()), Instant.ofEpochMilli(start.startEpochMillis()),
          players, calls, joins, leaves, byCode, byPlayer, ended, start.midRoom(), stopped);
    }
  }

  /** The rejections of one player, by message. */
  public Map<String, Long> rejectionsOf(Object player) {
    return rejectionsByPlayer.getOrDefault(player.toString(), Map.of());
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append(domain);
    if (room != null) {
      text.append(" room ").append(room.id()).append(" of type ").append(room.type())
          .append(", created with ").append(room.options()).append(",");
    }
    text.append(" recorded ").append(started).append(" (build ").append(buildId)
        .append(", seed ").append(String.format("%016x", seed)).append(")\n");
    text.append("  ticks: ").append(ticks).append(" (").append(duration.toMillis() / 1000.0).append(" s)")
        .append(midRoom ? ", from the middle of the room's life" : "")
        .append(room == null ? "" : ended ? ", until the room ended"
            : stopped ? ", until the recording was stopped" : ", the room's end not recorded").append("\n");
    text.append("  players: ").append(players.size()).append("\n");
    text.append("  calls: ").append(calls).append("\n");
    text.append("  joins: ").append(joins).append(", leaves: ").append(leaves).append("\n");
    text.append("  rejections by code: ").append(rejectionsByCode).append("\n");
    text.append("  rejections by player:");
    if (rejectionsByPlayer.isEmpty()) {
      text.append(" none");
    }
    rejectionsByPlayer.forEach((player, messages) -> {
      long total = messages.values().stream().mapToLong(Long::longValue).sum();
      text.append("\n    ").append(player).append(": ").append(total);
      messages.forEach((message, count) -> text.append("\n      ").append(count).append(" × ").append(message));
    });
    return text.toString();
  }
}
