package io.carotene.runtime.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a recording's journal from its start, one {@link JournalEvent} at a time. Opens the queue
 * read-only; close it when done. Not API.
 */
public final class RecordingReader implements AutoCloseable {
  private final SingleChronicleQueue queue;
  private final ExcerptTailer tailer;

  /**
   * @throws IllegalArgumentException when {@code directory} holds no recording
   */
  public RecordingReader(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("No recording at " + directory + ": not a directory");
    }
    this.queue = Journal.open(directory, null, true);
    this.tailer = queue.createTailer();
  }

  /** The next event, or {@code null} at the end of the journal. */
  public JournalEvent next() {
    try (DocumentContext document = tailer.readingDocument()) {
      if (!document.isPresent()) {
        return null;
      }
      return Journal.read(document.wire().bytes());
    }
  }

  /**
   * The journal's first event, which a complete recording always has.
   *
   * @throws NoSuchElementException when the journal is empty or starts with something else
   */
  public JournalEvent.Start start() {
    JournalEvent first = next();
    if (first instanceof JournalEvent.Start start) {
      if (start.version() < 1 || start.version() > JournalEvent.FORMAT_VERSION) {
        throw new IllegalStateException(
            "The recording is in format " + start.version() + "; this build reads formats 1 to "
                + JournalEvent.FORMAT_VERSION + ": replay it with the build that recorded it");
      }
      return start;
    }
    throw new NoSuchElementException(
        "The recording does not begin with its start (found " + first + "): it was cut or its"
            + " oldest files were deleted");
  }

  @Override
  public void close() {
    queue.close();
  }

  static byte[] remaining(Bytes<?> in) {
    byte[] copy = new byte[Math.toIntExact(in.readRemaining())];
    in.read(copy);
    return copy;
  }
}
