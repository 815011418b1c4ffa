/**
 * Recording a world: a Chronicle Queue journal of everything that changed it other than its loops,
 * with the stores' checksums, which the sandbox replays to the same world. {@link
 * io.carotene.runtime.record.RecordingSettings} is API (how a server records); the rest ({@code
 * Recorder}, {@code RecordingReader}, {@code JournalEvent}, {@code ValueCodec}, {@code
 * StoreDigest}) is plumbing shared with the sandbox's replay, not API: it may change in any
 * release.
 */
package io.carotene.runtime.record;
