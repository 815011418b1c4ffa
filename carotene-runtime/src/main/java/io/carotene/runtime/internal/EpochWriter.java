package io.carotene.runtime.internal;

/**
 * A persisted store's part in its world's {@link TickJournal}: something that writes in the current
 * epoch and has a step on either side of the commit mark.
 */
interface EpochWriter {
  /** Whether this epoch has changed something here since the last commit. */
  boolean isOpen();

  /** Before the commit mark: the last writes that make this store's epoch complete. */
  void beforeCommit();

  /** After the commit mark: the epoch is the one recovery returns to. */
  void afterCommit();

  /** The journal is closed and will commit nothing more. */
  void journalClosed();
}
