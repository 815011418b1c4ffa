package io.carotene.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.carotene.runtime.LeaveReason;
import io.carotene.runtime.Room;
import io.carotene.runtime.Session;
import java.util.List;

/**
 * A room's lifecycle as generated code serves it: the backends' annotated lifecycle methods, called
 * by the runtime on the room's thread. Every method does nothing by default, which is what a domain
 * without lifecycle methods gets ({@link #NONE}).
 */
public interface RoomHooks {
  /** Hooks that do nothing: every join is accepted. */
  RoomHooks NONE = new RoomHooks() {};

  /** The room was created with {@code options} (an empty object when none were given). */
  default void created(Room room, JsonNode options) {}

  /**
   * {@code session} asks for a seat (before any reservation is given, so before its first
   * snapshot): null accepts, a message refuses (the client receives it, code {@code JOIN_REFUSED}).
   */
  default String joinAttempt(Room room, Session session, JsonNode options) {
    return null;
  }

  /** {@code session} redeemed its seat: it is about to get its first snapshot. */
  default void joined(Room room, Session session) {}

  /** {@code session} left its seat for {@code reason}. */
  default void left(Room room, Session session, LeaveReason reason) {}

  /** The room is ending, after every player left: the last moment its world is readable. */
  default void disposed(Room room) {}

  /**
   * The hooks of every backend in {@code dispatchers}, each event told to them in order; a join
   * attempt is refused by the first that refuses (the later ones are not asked).
   */
  static RoomHooks of(List<Dispatcher> dispatchers) {
    List<RoomHooks> all = dispatchers.stream().map(Dispatcher::roomHooks).filter(hooks -> hooks != NONE).toList();
    if (all.isEmpty()) {
      return NONE;
    }
    if (all.size() == 1) {
      return all.get(0);
    }
    return new RoomHooks() {
      @Override
      public void created(Room room, JsonNode options) {
        all.forEach(hooks -> hooks.created(room, options));
      }

      @Override
      public String joinAttempt(Room room, Session session, JsonNode options) {
        for (RoomHooks hooks : all) {
          String refusal = hooks.joinAttempt(room, session, options);
          if (refusal != null) {
            return refusal;
          }
        }
        return null;
      }

      @Override
      public void joined(Room room, Session session) {
        all.forEach(hooks -> hooks.joined(room, session));
      }

      @Override
      public void left(Room room, Session session, LeaveReason reason) {
        all.forEach(hooks -> hooks.left(room, session, reason));
      }

      @Override
      public void disposed(Room room) {
        all.forEach(hooks -> hooks.disposed(room));
      }
    };
  }
}
