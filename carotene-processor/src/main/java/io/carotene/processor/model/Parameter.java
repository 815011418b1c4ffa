package io.carotene.processor.model;

/** One parameter of a loop, socket handler or HTTP route, by where its value comes from. */
public sealed interface Parameter {
  /** The parameter's name in the source. */
  String name();

  /** {@code io.carotene.runtime.Tick}: the loop's reused tick. */
  record TickParameter(String name) implements Parameter {}

  /** {@code io.carotene.runtime.Session}: who is calling. */
  record SessionParameter(String name) implements Parameter {}

  /** {@code io.carotene.runtime.Rng}: the world's seeded random source. */
  record RandomParameter(String name) implements Parameter {}

  /** {@code io.carotene.runtime.Ids}: the world's deterministic id source. */
  record IdsParameter(String name) implements Parameter {}

  /** {@code io.carotene.runtime.Room}: the room a lifecycle hook runs for. */
  record RoomParameter(String name) implements Parameter {}

  /** {@code io.carotene.runtime.LeaveReason}: why a player left (leave hooks only). */
  record LeaveReasonParameter(String name) implements Parameter {}

  /** {@code io.carotene.runtime.auth.Tokens}: the server's token service (HTTP routes only). */
  record TokensParameter(String name) implements Parameter {}

  /**
   * A store of the domain, as its writable type or its read-only view; the dispatcher holds the
   * writable store and passes it either way.
   */
  record StoreParameter(String name, StoreModel store, boolean writable) implements Parameter {}

  /** A value the client sends, decoded from the call's JSON arguments. */
  record ArgumentParameter(String name, ValueType type) implements Parameter {}
}
