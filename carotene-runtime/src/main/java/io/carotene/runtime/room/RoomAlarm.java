package io.carotene.runtime.room;

import java.util.PriorityQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * When a room must look at its seats again (a reservation or a reconnection grace ends, an empty
 * room's linger runs out): at most one task in the server's timer per room, for the earliest
 * deadline, and none once the room ends. A timer task holds its room; one per deadline would keep
 * a disposed room's world reachable until its last reservation's timeout passed.
 *
 * <p>Room thread only.
 */
final class RoomAlarm {
  private final ServerRoom room;
  private final RoomManager manager;
  /** Deadlines not yet passed, room clock; a stale one (the seat connected meanwhile) costs a sweep. */
  private final PriorityQueue<Long> deadlines = new PriorityQueue<>();
  private ScheduledFuture<?> pending;
  private long pendingAtNanos;

  RoomAlarm(ServerRoom room, RoomManager manager) {
    this.room = room;
    this.manager = manager;
  }

  /** The room sweeps once the room clock passes {@code deadlineNanos}. */
  void at(long deadlineNanos) {
    deadlines.add(deadlineNanos);
    if (pending == null || deadlineNanos - pendingAtNanos < 0) {
      schedule(deadlineNanos);
    }
  }

  /** The room is sweeping at {@code nowNanos}: the deadlines passed are done, the next is set. */
  void rang(long nowNanos) {
    while (!deadlines.isEmpty() && nowNanos - deadlines.peek() >= 0) {
      deadlines.poll();
    }
    cancelPending();
    if (!deadlines.isEmpty()) {
      schedule(deadlines.peek());
    }
  }

  /** The room ended: nothing in the timer refers to it any more. */
  void cancel() {
    deadlines.clear();
    cancelPending();
  }

  private void schedule(long deadlineNanos) {
    cancelPending();
    pending = manager.wakeAt(room, deadlineNanos);
    pendingAtNanos = deadlineNanos;
  }

  private void cancelPending() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /** The rooms' timer: one daemon thread; a cancelled wake-up leaves its queue at once. */
  static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "carotene-room-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true); // a cancelled task must not hold its ended room
    return timer;
  }
}
