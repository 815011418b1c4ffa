/**
 * State sent to clients after each tick: what a client may see of a store ({@link
 * io.carotene.runtime.snapshot.Interest}, API), the snapshot formats ({@link
 * io.carotene.runtime.snapshot.SnapshotFormat}), each store's state captured once per tick, its
 * encodings (JSON, binary deltas, the schema frame), and the publisher that decides who gets what
 * and who is too slow. It reaches a client's socket only through {@link
 * io.carotene.runtime.snapshot.SnapshotOutbox}, which the socket package implements: this package
 * never imports it. Everything but Interest and SnapshotFormat is the runtime's own.
 */
package io.carotene.runtime.snapshot;
