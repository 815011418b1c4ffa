/**
 * A world at run time (not API): its stores and backends together ({@code DomainWorld}), the
 * fixed-step grid its loops run on ({@link io.carotene.runtime.world.FixedStepScheduler}, counted
 * in {@link io.carotene.runtime.world.LoopStats}) and the one thread that owns it in a server
 * ({@link io.carotene.runtime.world.WorldThread}): every tick, call and route that touches a store
 * runs there, in order, so game code needs no locks. The sandbox drives the same world on the
 * test's thread with a frozen clock. Public types here are the runtime's own plumbing and the test
 * module's; a game names none of them.
 */
package io.carotene.runtime.world;
