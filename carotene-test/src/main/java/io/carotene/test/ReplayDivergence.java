package io.carotene.test;

import java.util.List;

/**
 * A replay that did not give the recorded world: the first tick whose checksum differs, and, from
 * the first full state recorded at or after it, the entities whose fields differ. Thrown by {@link
 * Replay}; a test that replays a recording fails with it, its message naming what differs.
 */
public final class ReplayDivergence extends AssertionError {
  private final long tick;
  private final String reason;
  private final long stateTick;
  private final List<EntityDifference> entities;

  ReplayDivergence(long tick, String reason, long stateTick, List<EntityDifference> entities) {
    super(message(tick, reason, stateTick, entities));
    this.tick = tick;
    this.reason = reason;
    this.stateTick = stateTick;
    this.entities = List.copyOf(entities);
  }

  /** The first tick (counted over every loop, from 1) at which the replay differed. */
  public long tick() {
    return tick;
  }

  /** What differed first: a checksum, or a call's answer. */
  public String reason() {
    return reason;
  }

  /** The tick whose recorded state {@link #entities()} compares with, or -1 when none was recorded after the divergence. */
  public long stateTick() {
    return stateTick;
  }

  /** The entities whose fields differ at {@link #stateTick()}. */
  public List<EntityDifference> entities() {
    return entities;
  }

  /**
   * One entity that differs.
   *
   * @param store the store's name ({@code GameWorld})
   * @param id the entity's id
   * @param fields each field that differs, or one {@code <entity>} line when the entity exists on
   *     one side only
   */
  public record EntityDifference(String store, Object id, List<FieldDifference> fields) {
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(store + " " + id + ":");
      for (FieldDifference field : fields) {
        text.append("\n      ").append(field);
      }
      return text.toString();
    }
  }

  /** A field (dotted into nested records: {@code velocity.x}) and its two values. */
  public record FieldDifference(String field, Object recorded, Object replayed) {
    @Override
    public String toString() {
      return field + ": recorded " + recorded + ", replayed " + replayed;
    }
  }

  private static String message(long tick, String reason, long stateTick, List<EntityDifference> entities) {
    StringBuilder text = new StringBuilder("Replay diverged at tick " + tick + ": " + reason);
    if (stateTick < 0) {
      text.append("\n  No full state was recorded at or after it, so the entities cannot be named;"
          + " record with stateEveryTicks equal to checksumEveryTicks to see them.");
    } else if (entities.isEmpty()) {
      text.append("\n  At tick ").append(stateTick).append(" the stores agree again.");
    } else {
      text.append("\n  At tick ").append(stateTick).append(" (").append(entities.size())
          .append(entities.size() == 1 ? " entity differs):" : " entities differ):");
      int shown = 0;
      for (EntityDifference entity : entities) {
        if (shown++ == 20) {
          text.append("\n    … and ").append(entities.size() - 20).append(" more");
          break;
        }
        text.append("\n    ").append(entity);
      }
    }
    return text.toString();
  }
}
