/**
 * State sent to clients after each tick: what a client may see of a store ({@link
 * io.carotene.runtime.snapshot.Interest}, API), the snapshot formats ({@link
 * io.carotene.runtime.snapshot.SnapshotFormat}), each store's state captured once per tick, and its
 * encodings (JSON, binary deltas). Everything but those two types is the runtime's own.
 */
package io.carotene.runtime.snapshot;
