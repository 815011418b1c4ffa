package io.carotene.test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Readable names for ids in tests. {@code uuid("player_1")} is always the same UUID, on every
 * machine and in every run, and two different names never give the same one: it is the name-based
 * (version 3) UUID of {@code "carotene:" + name}. Write tests with names, as the seed does, and
 * compare ids freely.
 *
 * <pre>{@code
 * static final UUID PLAYER_1 = TestIds.uuid("player_1");
 * }</pre>
 */
public final class TestIds {
  private TestIds() {}

  /** The deterministic UUID for {@code name}: {@code UUID.nameUUIDFromBytes("carotene:" + name)}. */
  public static UUID uuid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A test id needs a non-empty name");
    }
    return UUID.nameUUIDFromBytes(("carotene:" + name).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The id of type {@code idType} for {@code name}: a {@link #uuid(String) UUID}, the name itself
   * for {@code String} ids, and for {@code Long}/{@code Integer} ids the name's number when it is
   * one ({@code "42"} → 42) or else a stable non-negative hash of it.
   */
  public static <K> K of(Class<K> idType, String name) {
    Object id;
    if (idType == UUID.class) {
      id = uuid(name);
    } else if (idType == String.class) {
      id = name;
    } else if (idType == Long.class || idType == long.class) {
      id = numberOrHash(name) ;
    } else if (idType == Integer.class || idType == int.class) {
      id = (int) (numberOrHash(name) & Integer.MAX_VALUE);
    } else {
      throw new IllegalArgumentException(
          "No test id for type " + idType.getName() + "; ids are UUID, String, Long or Integer");
    }
    @SuppressWarnings("unchecked")
    K typed = (K) id;
    return typed;
  }

  private static long numberOrHash(String name) {
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException notANumber) {
      return uuid(name).getMostSignificantBits() & Long.MAX_VALUE;
    }
  }
}
