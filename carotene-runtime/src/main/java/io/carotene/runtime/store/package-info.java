/**
 * Stores as game code sees them (API). A generated {@code <Store>View} is a {@link
 * io.carotene.runtime.store.StoreView}: it reads. A generated {@code <Store>Store} is also a {@link
 * io.carotene.runtime.store.WritableStore}: it writes, in place through the model's {@link
 * io.carotene.runtime.store.Flyweight} ({@code MutablePlayer}), without allocating per entry. The
 * off-heap engine behind them (Chronicle Map) is in {@code io.carotene.runtime.internal}: a
 * generated store holds it, and game code never sees it. A {@link
 * io.carotene.runtime.store.StoreMigration} converts a persisted store's entries, read as an
 * {@link io.carotene.runtime.store.OldEntry}, when its model changed.
 */
package io.carotene.runtime.store;
